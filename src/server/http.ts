// Answers as values: handlers return { status, body } and one place writes them, so that the
// idempotency layer can store and replay exactly what was sent.
import type { Response } from 'express';
import { ApiError, INTERNAL_ERROR, type ErrorTemplate } from '../domain/errors.ts';

export interface Answer {
  status: number;
  body?: unknown;
}

export const REQUEST_ID_HEADER = 'Speechify-Request-Id';

export function requestIdOf(res: Response): string {
  return String(res.getHeader(REQUEST_ID_HEADER) ?? '');
}

export function sendAnswer(res: Response, answer: Answer): void {
  res.status(answer.status);
  if (answer.body === undefined) {
    res.end();
    return;
  }
  res.type('application/json').send(JSON.stringify(answer.body));
}

export function errorEnvelope(error: ApiError, requestId: string) {
  return {
    error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
    request_id: requestId,
  };
}

export function sendError(res: Response, error: ApiError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendAnswer(res, { status: error.status, body: errorEnvelope(error, requestIdOf(res)) });
}

/** Shorthand for throwing a template with an optional message of this occasion. */
export function fail(template: ErrorTemplate, message?: string): never {
  throw new ApiError(template, message === undefined ? {} : { message });
}

export function internalError(): ApiError {
  return new ApiError(INTERNAL_ERROR);
}
