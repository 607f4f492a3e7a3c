// The Express application: a pipeline of small steps in the order the contract needs.
//   request id -> docs (no key) -> (fault: lookup before auth) -> auth -> Speechify-Version -> route (404/405,
//   path ids) -> body (415/413/400) -> validation from the spec -> handler -> error envelope.
import express, { type ErrorRequestHandler, type Express } from 'express';
import { ApiError, INTERNAL_ERROR } from '../wire/errors.ts';
import { checkApiVersion } from './api-version.ts';
import { assignRequestId, createAuthenticate } from './auth.ts';
import { bodyParserError, parseBody } from './body.ts';
import type { AppContext } from './context.ts';
import { createDocsRouter } from '../docs/index.ts';
import { createDispatch } from './dispatch.ts';
import { controlHandlers } from './handlers/control.ts';
import { suiteRunHandlers } from './handlers/suite-runs.ts';
import { testRunHandlers } from './handlers/test-runs.ts';
import { sendError } from './http.ts';
import { createRequestLog, type LogSink } from './request-log.ts';
import { createLookupBeforeAuth, createRouting } from './routing.ts';
import { inOrder, onlyFor } from './pipeline.ts';
import { validateRequest } from './validation.ts';

const isDocsPath = (path: string): boolean => path === '/docs' || path.startsWith('/docs/') || path === '/openapi.yaml' || path === '/openapi.json';

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

export function createApp(app: AppContext, options: { log?: LogSink; reportError?: (error: unknown) => void } = {}): Express {
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
      ...(app.faults.has('lookup-before-auth') ? [createLookupBeforeAuth(app)] : []),
      createAuthenticate(app),
      checkApiVersion,
      createRouting(app),
      parseBody,
      validateRequest,
      createDispatch(app, { ...suiteRunHandlers(app), ...testRunHandlers(app), ...controlHandlers(app) }),
    ),
  );
  server.use(createErrorHandler(options.reportError ?? ((error) => console.error('suiterun-kit serve: unexpected error:', error))));
  return server;
}
