// Request bodies: JSON only, 1 MB at most. Read only for POST, after routing, so a request to
// an unknown path or without a valid key is answered without reading its body.
import express, { type RequestHandler } from 'express';
import { ApiError, BAD_REQUEST, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE } from '../wire/errors.ts';
import { isJsonMediaType } from '../wire/media-type.ts';
import { BODY_ERRORS, BODY_LIMIT_BYTES, MAX_BODY_DEPTH, nestsDeeperThan } from '../wire/json-body.ts';

const readJson = express.json({ limit: BODY_LIMIT_BYTES, strict: true, type: () => true });

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length !== '0';
}

export const parseBody: RequestHandler = (req, res, next) => {
  req.body = undefined;
  if (req.method !== 'POST' || !hasBody(req.headers)) return next();
  if (!isJsonMediaType(req.headers['content-type'])) {
    throw BODY_ERRORS.notJsonType(req.headers['content-type']);
  }
  readJson(req, res, (error?: unknown) => {
    if (error) return next(error);
    if (nestsDeeperThan(req.body, MAX_BODY_DEPTH)) {
      return next(BODY_ERRORS.tooDeep());
    }
    next();
  });
};

/** body-parser's errors, as the contract's envelopes. */
export function bodyParserError(error: unknown): ApiError | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.too.large':
      return BODY_ERRORS.tooLarge();
    case 'entity.parse.failed':
      return BODY_ERRORS.notJson();
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return BODY_ERRORS.notUtf8();
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
  return new ApiError(BAD_REQUEST, {
    message: 'The request body cannot be read: it does not match its Content-Encoding, or is malformed.',
  });
}
