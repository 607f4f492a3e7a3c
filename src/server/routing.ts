// Finds the operation from the spec itself: an unknown path is 404, a known path with another
// method is 405 with Allow, and a path id not exactly of its form is 404 (never 400 or 500).
import type { Request, RequestHandler } from 'express';
import { ApiError, METHOD_NOT_ALLOWED, NOT_FOUND, type ErrorTemplate } from '../domain/errors.ts';
import { AGENT_NOT_FOUND, AGENT_TEST_NOT_FOUND } from '../domain/errors.ts';
import { isId, type IdPrefix } from '../ids/index.ts';
import type { Contract, OperationInfo, Resolution } from '../contract/index.ts';
import type { AppContext } from './context.ts';
import { stateOf } from './context.ts';
import { isLoopbackHost } from './loopback.ts';

/** Each path parameter, the id form it must have, and the 404 it answers when unknown. */
export const PATH_IDS: Record<string, { prefix: IdPrefix; what: string; notFound: ErrorTemplate }> = {
  suite_run_id: { prefix: 'srun', what: 'suite run', notFound: NOT_FOUND },
  test_run_id: { prefix: 'run', what: 'test run', notFound: NOT_FOUND },
  test_id: { prefix: 'test', what: 'test', notFound: AGENT_TEST_NOT_FOUND },
  agent_id: { prefix: 'agent', what: 'agent', notFound: AGENT_NOT_FOUND },
};

export function notFoundMessage(what: string): string {
  return `No ${what} with this id exists in this workspace.`;
}

type PathIdRule = (typeof PATH_IDS)[string];

/** The server's and the mock's words for a route they cannot serve. */
export const ROUTE_MESSAGES = {
  noRoute: 'No such route. The API lives under /v1; see spec/openapi.yaml.',
  wrongMethod: (method: string, allowed: string[]) => `${method} is not allowed here; allowed: ${allowed.join(', ')}.`,
  malformedId: (rule: PathIdRule) =>
    `No ${rule.what} has this id: ${rule.what} ids are ${rule.prefix}_ followed by 26 upper-case Crockford base32 characters.`,
};

/** What a route lookup answers when it found no operation: 404, or 405 with Allow. */
export function routeError(found: Exclude<Resolution, { kind: 'operation' }>, method: string): ApiError {
  if (found.kind === 'no-route') return new ApiError(NOT_FOUND, { message: ROUTE_MESSAGES.noRoute });
  return new ApiError(METHOD_NOT_ALLOWED, { message: ROUTE_MESSAGES.wrongMethod(method, found.allowed), headers: { Allow: found.allowed.join(', ') } });
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The path ids decoded, or the rule of the first one that is not exactly of its form. */
export function decodePathIds(raw: Record<string, string>): { ok: true; params: Record<string, string> } | { ok: false; rule: PathIdRule } {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const rule = PATH_IDS[name];
    const decoded = decodeSegment(value);
    if (rule && !isId(decoded, rule.prefix)) return { ok: false, rule };
    params[name] = decoded ?? value;
  }
  return { ok: true, params };
}

/** Path ids decoded, or the error for a malformed one: checkPathIds, or one in front of it. */
export type PathIdCheck = (raw: Record<string, string>) => Record<string, string>;

/** Decoded path ids, or 404 for a malformed one. */
export function checkPathIds(raw: Record<string, string>): Record<string, string> {
  const decoded = decodePathIds(raw);
  if (decoded.ok) return decoded.params;
  throw new ApiError(NOT_FOUND, { message: ROUTE_MESSAGES.malformedId(decoded.rule) });
}

/** The operation a method and path name in `api`, with its path ids decoded; else 404 or 405. */
export function findOperation(api: Contract | undefined, method: string, path: string, checkIds: PathIdCheck = checkPathIds): { operation: OperationInfo; params: Record<string, string> } {
  const found = api ? api.resolve(method, path) : { kind: 'no-route' as const };
  if (found.kind !== 'operation') throw routeError(found, method);
  return { operation: found.operation, params: checkIds(found.params) };
}

export function createRouting(app: AppContext, checkIds: PathIdCheck = checkPathIds): RequestHandler {
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
