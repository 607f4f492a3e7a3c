// Routing without a framework: the operation a method and path name in a route table (an unknown
// path is 404, a known path with another method 405 with Allow) and its path ids decoded (one not
// exactly of its form is 404, never 400 or 500). The server, the MSW handlers and the mock's gate
// route through these.
import type { OperationInfo } from '../contract/index.ts';
import type { RouteTable } from '../contract/routes.ts';
import { decodePathIds } from './path-ids.ts';
import { malformedIdError, routeError } from './route-errors.ts';

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
  api: Pick<RouteTable, 'resolve'> | undefined,
  method: string,
  path: string,
  checkIds: PathIdCheck = checkPathIds,
): { operation: OperationInfo; params: Record<string, string> } {
  const found = api ? api.resolve(method, path) : { kind: 'no-route' as const };
  if (found.kind !== 'operation') throw routeError(found, method);
  return { operation: found.operation, params: checkIds(found.params) };
}
