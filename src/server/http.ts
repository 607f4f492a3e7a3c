// Answers as values: handlers return { status, body } and one place writes them, so that the
// idempotency layer can store and replay exactly what was sent.
import type { Response } from 'express';
import { errorEnvelope } from '../wire/envelope.ts';
import type { ApiError } from '../wire/errors.ts';
import { JSON_TYPE } from '../wire/media-type.ts';
import { REQUEST_ID_HEADER } from '../wire/request-id.ts';

export interface Answer {
  status: number;
  body?: unknown;
  /** The body already serialized (a cached representation); sent instead of `body`. */
  json?: string | Uint8Array;
}

function requestIdOf(res: Response): string {
  return String(res.getHeader(REQUEST_ID_HEADER) ?? '');
}

/** Written with node's own calls: Express's send() adds nothing an API answer needs here. */
export function sendAnswer(res: Response, answer: Answer): void {
  res.statusCode = answer.status;
  const text = answer.json ?? (answer.body === undefined ? undefined : JSON.stringify(answer.body));
  if (text === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', typeof text === 'string' ? Buffer.byteLength(text) : text.length);
  res.end(text);
}

export function sendError(res: Response, error: ApiError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendAnswer(res, { status: error.status, body: errorEnvelope(error, requestIdOf(res)) });
}
