// Request id first (every answer has one), then the API key: decided before routing, ids or
// bodies are looked at, so a caller without a valid key learns nothing about them.
import type { RequestHandler } from 'express';
import { bearerKey } from '../wire/bearer.ts';
import { ApiError, UNAUTHORIZED } from '../wire/errors.ts';
import type { AppContext } from './context.ts';
import { stateOf } from './context.ts';
import { nextRequestId, REQUEST_ID_HEADER } from '../wire/request-id.ts';

export const assignRequestId: RequestHandler = (_req, res, next) => {
  res.setHeader(REQUEST_ID_HEADER, nextRequestId());
  next();
};

/** The workspace of the request's key, or 401 (framework-free: the MSW handlers call it too). */
export function authenticate(app: Pick<AppContext, 'store'>, authorization: string | undefined): string {
  const key = bearerKey(authorization);
  const workspace = key === undefined ? undefined : app.store.keyring.workspaceOf(key);
  if (workspace === undefined) throw new ApiError(UNAUTHORIZED);
  return workspace;
}

export function createAuthenticate(app: AppContext): RequestHandler {
  return (req, res, next) => {
    stateOf(res).workspace = authenticate(app, req.headers.authorization);
    next();
  };
}
