// Finds the operation from the spec itself: an unknown path is 404, a known path with another
// method is 405 with Allow, and a path id not exactly of its form is 404 (never 400 or 500).
import type { Request, RequestHandler } from 'express';
import { ApiError, INTERNAL_ERROR, NOT_FOUND } from '../wire/errors.ts';
import { decodePathIds, notFoundMessage, PATH_IDS } from '../wire/path-ids.ts';
import { ROUTE_MESSAGES, routeError } from '../wire/route-errors.ts';
import { isId } from '../ids/index.ts';
import type { Contract, OperationInfo } from '../contract/index.ts';
import type { AppContext } from './context.ts';
import { stateOf } from './context.ts';
import { isLoopbackHost } from './loopback.ts';

/** Decoded path ids, or 404 for a malformed one (`malformed-id-500` turns it into a 500). */
export function checkPathIds(raw: Record<string, string>, app: Pick<AppContext, 'faults'>): Record<string, string> {
  const decoded = decodePathIds(raw);
  if (decoded.ok) return decoded.params;
  if (app.faults.has('malformed-id-500')) throw new ApiError(INTERNAL_ERROR);
  throw new ApiError(NOT_FOUND, { message: ROUTE_MESSAGES.malformedId(decoded.rule) });
}

/** The operation a method and path name in `api`, with its path ids decoded; else 404 or 405. */
export function findOperation(api: Contract | undefined, method: string, path: string, app: Pick<AppContext, 'faults'>): { operation: OperationInfo; params: Record<string, string> } {
  const found = api ? api.resolve(method, path) : { kind: 'no-route' as const };
  if (found.kind !== 'operation') throw routeError(found, method);
  return { operation: found.operation, params: checkPathIds(found.params, app) };
}

export function createRouting(app: AppContext): RequestHandler {
  function apiFor(req: Request): Contract | undefined {
    const isControl = req.path === '/_control' || req.path.startsWith('/_control/');
    if (!isControl) return app.contract;
    // Bound to loopback already; the peer check is a second lock on the same door.
    return app.controlContract && isLoopbackHost(req.socket.remoteAddress ?? '') ? app.controlContract : undefined;
  }

  return (req, res, next) => {
    const api = apiFor(req);
    const found = findOperation(api, req.method, req.path, app);
    const state = stateOf(res);
    state.contract = api!;
    state.operation = found.operation;
    state.params = found.params;
    next();
  };
}

/**
 * Only with the fault `lookup-before-auth`: ids are looked up before the key is checked, so an
 * unknown id answers 404 to anybody, which tells a stranger which ids exist.
 */
export function createLookupBeforeAuth(app: AppContext): RequestHandler {
  return (req, _res, next) => {
    const found = app.contract.match(req.method, req.path);
    if (found) {
      for (const [name, value] of Object.entries(found.params)) {
        const rule = PATH_IDS[name];
        if (!rule) continue;
        const exists =
          isId(value, rule.prefix) &&
          (rule.prefix === 'srun'
            ? app.store.workspaceOfSuite(value)
            : rule.prefix === 'run'
              ? app.store.workspaceOfRun(value)
              : rule.prefix === 'test'
                ? app.store.workspaceOfTest(value)
                : app.store.workspaceIds.find((ws) => app.store.agent(ws, value)));
        if (!exists) throw new ApiError(rule.notFound, { message: notFoundMessage(rule.what) });
      }
    }
    next();
  };
}
