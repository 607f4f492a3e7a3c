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

/**
 * No body of this API nests deeper than a few levels. Deeper ones are refused before anything
 * walks them: the idempotency hash and other recursive walks would overflow the stack on
 * 10,000 levels (a 500, found by the fuzz test) long before the 1 MB limit.
 */
export const MAX_BODY_DEPTH = 32;

/** Whether `value` has arrays or objects nested more than `max` deep (iteratively: no recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

export const parseBody: RequestHandler = (req, res, next) => {
  req.body = undefined;
  if (req.method !== 'POST' || !hasBody(req.headers)) return next();
  if (!isJsonMediaType(req.headers['content-type'])) {
    throw new ApiError(UNSUPPORTED_MEDIA_TYPE, { message: `Request bodies must be JSON (application/json), not ${req.headers['content-type'] ?? 'untyped'}.` });
  }
  readJson(req, res, (error?: unknown) => {
    if (error) return next(error);
    if (nestsDeeperThan(req.body, MAX_BODY_DEPTH)) {
      return next(new ApiError(BAD_REQUEST, { message: `The request body nests arrays or objects more than ${MAX_BODY_DEPTH} levels deep.` }));
    }
    next();
  });
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
      return untypedBodyError(error);
  }
}

/**
 * body-parser also passes on errors it did not name, marked with a 4xx status: a gzip or br
 * body that does not decompress arrives as zlib's own error with status 400 (it was a 500
 * until the fuzz test sent `Content-Encoding: gzip` with a plain body).
 */
function untypedBodyError(error: unknown): ApiError | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (status === 413) return new ApiError(PAYLOAD_TOO_LARGE);
  if (status === 415) return new ApiError(UNSUPPORTED_MEDIA_TYPE);
  return new ApiError(BAD_REQUEST, { message: 'The request body cannot be read: it does not match its Content-Encoding, or is malformed.' });
}
