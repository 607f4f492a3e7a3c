// The pipeline faults: a step put before auth, a decorator over the path-id check, one over
// dispatch.
import type { RequestHandler } from 'express';
import { ApiError, INTERNAL_ERROR } from '../../wire/errors.ts';
import { isId, type IdPrefix } from '../../ids/index.ts';
import type { Store } from '../../store/store.ts';
import type { AppContext } from '../context.ts';
import { decodePathIds, notFoundError, pathIdRule } from '../../wire/path-ids.ts';
import type { Seams } from '../seams.ts';
import { holderOf } from './holder.ts';

/** Whether any workspace holds the id (read through the store's public reads). */
function existsAnywhere(store: Store, prefix: IdPrefix, id: string): boolean {
  const read: (ws: string, id: string) => object | undefined =
    prefix === 'srun' ? store.suite : prefix === 'run' ? store.run : prefix === 'test' ? store.test : store.agent;
  return holderOf(store, read, id) !== undefined;
}

/**
 * A step that looks the path's ids up before the key is checked, so an unknown id answers 404
 * to anybody, which tells a stranger which ids exist.
 */
function lookupStep(app: AppContext): RequestHandler {
  return (req, _res, next) => {
    const found = app.contract.match(req.method, req.path);
    if (found) {
      for (const [name, value] of Object.entries(found.params)) {
        const rule = pathIdRule(name);
        if (!rule) continue;
        if (!isId(value, rule.prefix) || !existsAnywhere(app.store, rule.prefix, value)) {
          throw notFoundError(rule);
        }
      }
    }
    next();
  };
}

/** lookup-before-auth: 404 for an unknown or malformed id, answered before auth (401). */
export function lookupBeforeAuth(beforeAuth: Seams['beforeAuth']): Seams['beforeAuth'] {
  return (app) => [...beforeAuth(app), lookupStep(app)];
}

/** malformed-id-500: a malformed path id answers 500 instead of 404. */
export function malformedId500(check: Seams['checkPathIds']): Seams['checkPathIds'] {
  return (raw) => {
    if (!decodePathIds(raw).ok) throw new ApiError(INTERNAL_ERROR);
    return check(raw);
  };
}

/** idempotency-key-ignored: the key is dropped before the idempotency records see it (a replay creates again). */
export function idempotencyKeyIgnored(dispatch: Seams['dispatch']): Seams['dispatch'] {
  return (app, handlers, routed) => dispatch(app, handlers, { ...routed, idempotencyKey: undefined });
}
