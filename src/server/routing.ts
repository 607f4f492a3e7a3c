// Finds the operation from the spec itself: an unknown path is 404, a known path with another
// method is 405 with Allow, and a path id not exactly of its form is 404 (never 400 or 500).
import type { Request, RequestHandler } from 'express';
import type { Contract, OperationInfo } from '../contract/index.ts';
import { decodePathIds } from '../wire/path-ids.ts';
import { malformedIdError, routeError } from '../wire/route-errors.ts';
import type { AppContext } from './context.ts';
import { stateOf } from './context.ts';
import { isLoopbackHost } from './loopback.ts';

/** Path ids decoded, or the error for a malformed one: checkPathIds, or one in front of it. */
export type PathIdCheck = (raw: Record<string, string>) => Record<string, string>;

/** Decoded path ids, or 404 for a malformed one. */
export function checkPathIds(raw: Record<string, string>): Record<string, string> {
  const decoded = decodePathIds(raw);
  if (decoded.ok) return decoded.params;
  throw malformedIdError(decoded.rule);
}

/** The operation a method and path name in `api`, with its path ids decoded; else 404 or 405. */
export function findOperation(
  api: Contract | undefined,
  method: string,
  path: string,
  checkIds: PathIdCheck = checkPathIds,
): { operation: OperationInfo; params: Record<string, string> } {
  const found = api ? api.resolve(method, path) : { kind: 'no-route' as const };
  if (found.kind !== 'operation') throw routeError(found, method);
  return { operation: found.operation, params: checkIds(found.params) };
}

export function createRouting(app: AppContext, checkIds: PathIdCheck): RequestHandler {
  function apiFor(req: Request): Contract | undefined {
    const isControl = req.path === '/_control' || req.path.startsWith('/_control/');
    if (!isControl) return app.contract;
    // Bound to loopback already; the peer check is a second lock on the same door.
    return app.controlContract && isLoopbackHost(req.socket.remoteAddress ?? '') ? app.controlContract : undefined;
  }

  return (req, res, next) => {
    const api = apiFor(req);
    const found = findOperation(api, req.method, req.path, checkIds);
    const state = stateOf(res);
    state.contract = api!;
    state.operation = found.operation;
    state.params = found.params;
    next();
  };
}
