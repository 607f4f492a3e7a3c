// Calls the operation's handler and writes its answer. Creating operations (those whose spec
// declares Idempotency-Key) go through the idempotency records first.
import type { RequestHandler } from 'express';
import { ApiError, IDEMPOTENCY_CONFLICT, INTERNAL_ERROR } from '../wire/errors.ts';
import { requestHash } from '../store/idempotency.ts';
import type { OperationInfo } from '../contract/compile.ts';
import type { AppContext, Handler, RequestContext } from './context.ts';
import { stateOf } from './context.ts';
import { sendAnswer, type Answer } from './http.ts';

const IDEMPOTENCY_HEADER = 'Idempotency-Key';

function withIdempotency(app: AppContext, request: RequestContext, hashedBody: unknown, handler: Handler): Answer {
  const key = request.idempotencyKey;
  if (key === undefined) return handler(request);
  const records = app.store.idempotency;
  const hash = requestHash(request.method, request.path, hashedBody);
  const found = records.lookup(request.workspace, request.operationId, key, hash);
  if (found.kind === 'replay') return found.answer;
  if (found.kind === 'conflict') throw new ApiError(IDEMPOTENCY_CONFLICT);
  const answer = handler(request);
  // Only successes are remembered: a request refused (404, 409...) may succeed when retried later.
  if (answer.status >= 200 && answer.status < 300)
    records.remember(request.workspace, request.operationId, key, hash, answer);
  return answer;
}

/**
 * What the pipeline learned about a request, ready for its operation's handler: the handler's request, with
 * the operation itself.
 */
export type Routed = Omit<RequestContext, 'operationId'> & { operation: OperationInfo };

/** Runs an operation's handler for a routed request: dispatchOperation, or one in front of it. */
export type Dispatch = (app: AppContext, handlers: Record<string, Handler>, routed: Routed) => Answer;

/** Runs the operation's handler, through the idempotency records (framework-free: src/msw calls it too). */
export function dispatchOperation(app: AppContext, handlers: Record<string, Handler>, routed: Routed): Answer {
  const { operation } = routed;
  const handler = handlers[operation.operationId];
  if (!handler)
    throw new ApiError(INTERNAL_ERROR, { message: `Operation ${operation.operationId} is not implemented.` });
  const honoursKey = operation.parameters.some((p) => p.in === 'header' && p.name === IDEMPOTENCY_HEADER);
  const request: RequestContext = {
    workspace: routed.workspace,
    operationId: operation.operationId,
    method: routed.method,
    path: routed.path,
    params: routed.params,
    query: routed.query,
    body: routed.body,
    idempotencyKey: honoursKey ? routed.idempotencyKey : undefined,
  };
  return withIdempotency(app, request, operation.requestBody ? routed.body : null, handler);
}

export function createDispatch(app: AppContext, handlers: Record<string, Handler>, dispatch: Dispatch): RequestHandler {
  return (req, res) => {
    const state = stateOf(res);
    const answer = dispatch(app, handlers, {
      workspace: state.workspace!,
      operation: state.operation!,
      method: req.method,
      path: req.path,
      params: state.params,
      query: state.query,
      body: state.body,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
    });
    sendAnswer(res, answer);
  };
}
