// Request id first (every answer has one), then the API key: decided before routing, ids or
// bodies are looked at, so a caller without a valid key learns nothing about them.
import type { RequestHandler } from 'express';
import { ApiError, UNAUTHORIZED } from '../domain/errors.ts';
import type { AppContext } from './context.ts';
import { stateOf } from './context.ts';
import { REQUEST_ID_HEADER } from './http.ts';
import { nextRequestId } from './request-id.ts';

export const assignRequestId: RequestHandler = (_req, res, next) => {
  res.setHeader(REQUEST_ID_HEADER, nextRequestId());
  next();
};

/** `Bearer <key>`; the scheme word in any case (RFC 7235), exactly one key token. */
export function bearerKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^([A-Za-z]+) +(\S+) *$/.exec(header);
  if (!match || match[1]!.toLowerCase() !== 'bearer') return undefined;
  return match[2];
}

/** The workspace of the request's key, or 401 (framework-free: the MSW handlers call it too). */
export function authenticate(app: Pick<AppContext, 'store'>, authorization: string | undefined): string {
  const key = bearerKey(authorization);
  const workspace = key === undefined ? undefined : app.store.keyring.workspaceOf(key);
  if (workspace === undefined) throw new ApiError(UNAUTHORIZED, { headers: { 'WWW-Authenticate': 'Bearer' } });
  return workspace;
}

export function createAuthenticate(app: AppContext): RequestHandler {
  return (req, res, next) => {
    stateOf(res).workspace = authenticate(app, req.headers.authorization);
    next();
  };
}
