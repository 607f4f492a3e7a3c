// The routing middleware: the operation and path ids (src/wire/routing.ts: 404, 405 with Allow,
// 404 for a malformed id) from the public spec, or from the control spec for a loopback peer.
import type { Request, RequestHandler } from 'express';
import type { Contract } from '../contract/index.ts';
import { findOperation, type PathIdCheck } from '../wire/routing.ts';
import type { AppContext } from './context.ts';
import { stateOf } from './context.ts';
import { isLoopbackHost } from './loopback.ts';

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
