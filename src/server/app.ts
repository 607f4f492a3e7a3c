// The Express application: a pipeline of small steps in the order the contract needs.
//   request id -> docs (no key) -> auth -> Speechify-Version -> route (404/405, path ids)
//   -> body (415/413/400) -> validation from the spec -> handler -> error envelope.
// Some steps play a role of `seams` (seams.ts), always given by the caller: startServer gives
// DEFAULT_SEAMS, with the faults' decorators in front when faults are on.
import express, { type ErrorRequestHandler, type Express } from 'express';
import { ApiError, INTERNAL_ERROR } from '../wire/errors.ts';
import { checkApiVersion } from './api-version.ts';
import { assignRequestId, createAuthenticate } from './auth.ts';
import { bodyParserError, parseBody } from './body.ts';
import type { AppContext } from './context.ts';
import { createDocsRouter } from '../docs/index.ts';
import { createDispatch } from './dispatch.ts';
import { sendError } from './http.ts';
import { createRequestLog, type LogSink } from './request-log.ts';
import { createRouting } from './routing.ts';
import { inOrder, onlyFor } from './pipeline.ts';
import type { PipelineSeams } from './seams.ts';
import { validateRequest } from './validation.ts';

const isDocsPath = (path: string): boolean =>
  path === '/docs' || path.startsWith('/docs/') || path === '/openapi.yaml' || path === '/openapi.json';

export function createErrorHandler(report: (error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const known = error instanceof ApiError ? error : bodyParserError(error);
    if (!known) report(error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendError(res, known ?? new ApiError(INTERNAL_ERROR));
  };
}

export function createApp(
  app: AppContext,
  options: { log?: LogSink; reportError?: (error: unknown) => void; seams: PipelineSeams },
): Express {
  const { seams } = options;
  const server = express();
  server.disable('x-powered-by');
  server.set('etag', false);

  // The reference page and the spec are documentation, not API operations: a browser reads
  // them without a key. Only these exact GET routes bypass auth; everything else is the API.
  const docs = onlyFor(isDocsPath, createDocsRouter());
  server.use(
    inOrder(
      assignRequestId,
      ...(options.log ? [createRequestLog(options.log)] : []),
      docs,
      ...seams.beforeAuth(app),
      createAuthenticate(app),
      checkApiVersion,
      createRouting(app, seams.checkPathIds),
      parseBody,
      validateRequest,
      createDispatch(app, seams.handlers(app), seams.dispatch),
    ),
  );
  server.use(
    createErrorHandler(
      options.reportError ?? ((error) => console.error('suiterun-kit serve: unexpected error:', error)),
    ),
  );
  return server;
}
