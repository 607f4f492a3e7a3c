// Answers for a route that cannot be served: no such path 404, another method 405 with Allow, a malformed id 404.
import type { Resolution } from '../contract/routes.ts';
import { ApiError, METHOD_NOT_ALLOWED, NOT_FOUND } from './errors.ts';
import type { PathIdRule } from './path-ids.ts';

/** The 404 for a path id that is not exactly of its form (never a 400 or a 500). */
export function malformedIdError(rule: PathIdRule): ApiError {
  return new ApiError(NOT_FOUND, {
    message: `No ${rule.what} has this id: ${rule.what} ids are ${rule.prefix}_ followed by 26 upper-case Crockford base32 characters.`,
  });
}

/** What a route lookup answers when it found no operation: 404, or 405 with Allow. */
export function routeError(found: Exclude<Resolution, { kind: 'operation' }>, method: string): ApiError {
  if (found.kind === 'no-route')
    return new ApiError(NOT_FOUND, { message: 'No such route. The API lives under /v1; see spec/openapi.yaml.' });
  const allowed = found.allowed.join(', ');
  return new ApiError(METHOD_NOT_ALLOWED, {
    message: `${method} is not allowed here; allowed: ${allowed}.`,
    headers: { Allow: allowed },
  });
}
