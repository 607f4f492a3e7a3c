// One request through the reference server's own steps, in app.ts's order, on a fetch Request:
//   request id -> auth -> Speechify-Version -> route (404/405, path ids) -> body (415/413/400)
//   -> validation from the spec -> handler (through the idempotency records) -> envelope.
// Each step is the function the Express middleware calls; only reading the Request is here.
import { errorEnvelope } from '../wire/envelope.ts';
import { ApiError, INTERNAL_ERROR } from '../wire/errors.ts';
import { checkVersionHeader } from '../wire/api-version.ts';
import { authenticate } from '../server/auth.ts';
import type { AppContext, Handler } from '../server/context.ts';
import { dispatchOperation } from '../server/dispatch.ts';
import type { Answer } from '../server/http.ts';
import { parseJsonBytes } from '../wire/json-body.ts';
import { JSON_TYPE } from '../wire/media-type.ts';
import { nextRequestId, REQUEST_ID_HEADER } from '../wire/request-id.ts';
import { findOperation } from '../wire/routing.ts';
import { checkInput } from '../server/validation.ts';

/** A query string as node's querystring reads it for Express: a repeated name gives an array. */
function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

const headerOf = (request: Request) => (name: string) => request.headers.get(name) ?? undefined;

function answerResponse(answer: Answer, requestId: string, headers: Record<string, string> = {}): Response {
  const all: Record<string, string> = { ...headers, [REQUEST_ID_HEADER]: requestId };
  const text = answer.json ?? (answer.body === undefined ? undefined : JSON.stringify(answer.body));
  if (text === undefined) return new Response(null, { status: answer.status, headers: all });
  // A copy of cached bytes: the Response must not share (or detach) the cache's buffer.
  const body = typeof text === 'string' ? text : text.slice();
  return new Response(body, { status: answer.status, headers: { ...all, 'Content-Type': JSON_TYPE } });
}

function errorResponse(error: unknown, requestId: string): Response {
  const known = error instanceof ApiError ? error : undefined;
  if (!known) console.error('suiterun-kit/msw: unexpected error:', error);
  const answer = known ?? new ApiError(INTERNAL_ERROR);
  return answerResponse({ status: answer.status, body: errorEnvelope(answer, requestId) }, requestId, answer.headers);
}

export interface PipelineTarget {
  app: AppContext;
  handlers: Record<string, Handler>;
}

/** The answer to `request`, whose path relative to the base URL is `path` (`/v1/...`). */
export async function respond(target: PipelineTarget, request: Request, path: string): Promise<Response> {
  const { app, handlers } = target;
  const requestId = nextRequestId();
  try {
    const workspace = authenticate(app, request.headers.get('authorization') ?? undefined);
    checkVersionHeader(request.headers.get('speechify-version'));
    const { operation, params } = findOperation(app.contract, request.method, path);
    const bytes =
      request.method === 'POST' && request.body !== null ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const body = parseJsonBytes(bytes, {
      contentType: request.headers.get('content-type') ?? undefined,
      contentEncoding: request.headers.get('content-encoding') ?? undefined,
    });
    const header = headerOf(request);
    const checked = checkInput(app.contract, operation, {
      query: queryRecord(new URL(request.url).searchParams),
      header,
      body,
    });
    const answer = dispatchOperation(app, handlers, {
      workspace,
      operation,
      method: request.method,
      path,
      params,
      query: checked.query,
      body: checked.body,
      idempotencyKey: header('idempotency-key'),
    });
    return answerResponse(answer, requestId);
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
