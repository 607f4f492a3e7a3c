// What the front decides before Prism sees a request, in the contract's order: the key first
// (whatever the path, id or body), then Speechify-Version, the route, the path ids, the body.
// Plain functions over the request's parts; each returns the error to answer, or what it learned.
import type { IncomingHttpHeaders } from 'node:http';
import type { OperationInfo } from '../contract/index.ts';
import { ApiError, UNAUTHORIZED } from '../wire/errors.ts';
import { checkVersionHeader } from '../wire/api-version.ts';
import { bearerKey } from '../wire/bearer.ts';
import { isJsonMediaType } from '../wire/media-type.ts';
import type { RouteTable } from '../contract/routes.ts';
import { BODY_ERRORS } from '../wire/json-body.ts';
import { findOperation } from '../wire/routing.ts';
import type { Keyring } from '../store/keyring.ts';

export type Step<T> = { ok: true; value: T } | { ok: false; error: ApiError };

const pass = <T>(value: T): Step<T> => ({ ok: true, value });
const refuse = <T>(error: ApiError): Step<T> => ({ ok: false, error });

/** The key of a valid `Bearer <key>` (scheme word in any case); revoked and unknown keys are refused. */
function authenticate(authorization: string | undefined, keyring: Keyring): Step<string> {
  const key = bearerKey(authorization);
  if (key !== undefined && keyring.workspaceOf(key) !== undefined) return pass(key);
  return refuse(new ApiError(UNAUTHORIZED));
}

/** A wire check (src/wire) that throws the error to answer, as a step. */
function step<T>(check: () => T): Step<T> {
  try {
    return pass(check());
  } catch (error) {
    if (error instanceof ApiError) return refuse(error);
    throw error;
  }
}

export interface BodyToForward {
  body: Buffer;
  /** Set when the front supplies the body itself. */
  contentType?: string;
}

const EMPTY_OBJECT = Buffer.from('{}');
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A POST body is JSON (else 415) that parses (else 400); a required one must be there. An
 * optional one left out is validated as `{}`, as the reference server does: a batch without a
 * body is a 400 naming `entries`, not Prism's example 202. A leading UTF-8 BOM is dropped, as
 * express.json and the MSW handlers drop it: what follows is the body (nothing at all: `{}`).
 */
export function checkBody(
  operation: OperationInfo,
  method: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Step<BodyToForward> {
  if (method.toUpperCase() !== 'POST') return pass({ body });
  if (body.length === 0) {
    if (!operation.requestBody) return pass({ body });
    if (operation.requestBody.required) return refuse(BODY_ERRORS.required());
    return pass({ body: EMPTY_OBJECT, contentType: 'application/json' });
  }
  const contentType = headers['content-type'];
  if (!isJsonMediaType(contentType)) return refuse(BODY_ERRORS.notJsonType(contentType));
  const json = body.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) ? body.subarray(UTF8_BOM.length) : body;
  if (json.length === 0) return pass({ body: EMPTY_OBJECT });
  try {
    const parsed: unknown = JSON.parse(json.toString('utf8'));
    if (parsed === null || typeof parsed !== 'object') throw new SyntaxError('not an object or array');
  } catch {
    return refuse(BODY_ERRORS.notJson());
  }
  return pass({ body: json });
}

export interface GateDeps {
  keyring: Keyring;
  routes: RouteTable;
}

export interface HeadOfRequest {
  method: string;
  /** The raw path, without the query string. */
  path: string;
  headers: IncomingHttpHeaders;
}

/** Everything decided from the request line and headers, before its body is read. */
export function checkHead(request: HeadOfRequest, deps: GateDeps): Step<{ operation: OperationInfo; key: string }> {
  const key = authenticate(request.headers.authorization, deps.keyring);
  if (!key.ok) return key;
  // Optional; when sent, a real calendar date (2026-13-01 and 2026-02-30 are not).
  const version = step(() => checkVersionHeader(request.headers['speechify-version']));
  if (!version.ok) return version;
  // An unknown path is 404, another method 405 with Allow; then a path id not exactly of its
  // form (`srun_` + 26 upper-case Crockford characters, ...) is 404, never 400.
  const route = step(() => findOperation(deps.routes, request.method, request.path));
  if (!route.ok) return route;
  return pass({ operation: route.value.operation, key: key.value });
}
