// Request bodies: JSON only, 1 MB at most. Read only for POST, after routing, so a request to
// an unknown path or without a valid key is answered without reading its body.
import express, { type RequestHandler } from 'express';
import { ApiError, BAD_REQUEST, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE } from '../domain/errors.ts';

export const BODY_LIMIT = '1mb';

const readJson = express.json({ limit: BODY_LIMIT, strict: true, type: () => true });

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length !== '0';
}

/** application/json, with or without parameters, or any `+json` type. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
}

export const parseBody: RequestHandler = (req, res, next) => {
  req.body = undefined;
  if (req.method !== 'POST' || !hasBody(req.headers)) return next();
  if (!isJsonMediaType(req.headers['content-type'])) {
    throw new ApiError(UNSUPPORTED_MEDIA_TYPE, { message: `Request bodies must be JSON (application/json), not ${req.headers['content-type'] ?? 'untyped'}.` });
  }
  readJson(req, res, next);
};

/** body-parser's errors, as the contract's envelopes. */
export function bodyParserError(error: unknown): ApiError | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.too.large':
      return new ApiError(PAYLOAD_TOO_LARGE);
    case 'entity.parse.failed':
      return new ApiError(BAD_REQUEST, { message: 'The request body is not valid JSON (an object or array is expected).' });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ApiError(UNSUPPORTED_MEDIA_TYPE, { message: 'The request body must be JSON in UTF-8, without an unsupported Content-Encoding.' });
    case 'request.aborted':
    case 'request.size.invalid':
      return new ApiError(BAD_REQUEST, { message: 'The request body was cut short.' });
    default:
      return undefined;
  }
}
