// The rules of a request body, without Express: JSON only (any `+json` type), UTF-8, 1 MB at
// most, an object or array at the top, nested 32 levels at most. body.ts applies them to a
// node stream (with express.json); the MSW handlers (src/msw) to a fetch Request's text.
import { ApiError, BAD_REQUEST, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, validationFailed } from './errors.ts';
import { isJsonMediaType } from './media-type.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

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
    for (const child of Object.values(current))
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

export const BODY_ERRORS = {
  notJsonType: (contentType: string | undefined) =>
    new ApiError(UNSUPPORTED_MEDIA_TYPE, {
      message: `Request bodies must be JSON (application/json), not ${contentType ?? 'untyped'}.`,
    }),
  tooDeep: () =>
    new ApiError(BAD_REQUEST, {
      message: `The request body nests arrays or objects more than ${MAX_BODY_DEPTH} levels deep.`,
    }),
  notJson: () =>
    new ApiError(BAD_REQUEST, { message: 'The request body is not valid JSON (an object or array is expected).' }),
  notUtf8: () =>
    new ApiError(UNSUPPORTED_MEDIA_TYPE, {
      message: 'The request body must be JSON in UTF-8, without an unsupported Content-Encoding.',
    }),
  tooLarge: () => new ApiError(PAYLOAD_TOO_LARGE),
  /** No body where the operation requires one. */
  required: () => validationFailed({ body: 'is required' }, 'A JSON request body is required.'),
};

/**
 * A body already read as bytes (`undefined` or no bytes: none sent), checked as express.json
 * (strict, UTF-8, 1 MB) and body.ts check it: the same answers for the same bodies. Only the
 * identity Content-Encoding is read here.
 */
export function parseJsonBytes(
  bytes: Uint8Array | undefined,
  headers: { contentType: string | undefined; contentEncoding: string | undefined },
): unknown {
  if (bytes === undefined || bytes.length === 0) return undefined;
  if (!isJsonMediaType(headers.contentType)) throw BODY_ERRORS.notJsonType(headers.contentType);
  const charset = /;\s*charset\s*=\s*"?([^";]+)"?/i
    .exec(headers.contentType ?? '')?.[1]
    ?.trim()
    .toLowerCase();
  if (charset !== undefined && !charset.startsWith('utf-')) throw BODY_ERRORS.notUtf8();
  const encoding = (headers.contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== '') throw BODY_ERRORS.notUtf8();
  if (bytes.length > BODY_LIMIT_BYTES) throw BODY_ERRORS.tooLarge();
  const text = new TextDecoder().decode(bytes);
  if (text.length === 0) return {};
  // body-parser's strict mode: the first non-blank character opens an object or an array.
  const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw BODY_ERRORS.notJson();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw BODY_ERRORS.notJson();
  }
  if (nestsDeeperThan(body, MAX_BODY_DEPTH)) throw BODY_ERRORS.tooDeep();
  return body;
}
