// The typed client: openapi-fetch over the generated `paths`, so a request that drifts from the
// spec (a wrong path, method, parameter or body) fails to compile, and an HTTP error comes back
// as a value (`{ error, response }`), never as a throw. It throws only on misuse (bad options).
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/openapi.ts';
import type { paths as controlPaths } from '../generated/control.ts';

export type * from './types.ts';

export interface SuiteRunClientOptions {
  /** The API's origin, e.g. `http://127.0.0.1:4010` (a trailing slash is fine). */
  baseUrl: string;
  /** The workspace's API key, sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Sent as `Speechify-Version` on every request: a calendar date, `YYYY-MM-DD`. */
  version?: string;
  /** A fetch to use instead of `globalThis.fetch` (recording, retries, a test double). */
  fetch?: (input: Request) => Promise<Response>;
  /** Further headers for every request. */
  headers?: Record<string, string>;
}

export type SuiteRunClient = Client<paths, 'application/json'>;
export type ControlClient = Client<controlPaths, 'application/json'>;

const VERSION_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

function defaultHeaders(options: SuiteRunClientOptions): Record<string, string> {
  if (!/^https?:\/\//.test(options.baseUrl))
    throw new TypeError(`baseUrl must be an absolute http(s) URL, got "${options.baseUrl}"`);
  if (!options.apiKey || /\s/.test(options.apiKey))
    throw new TypeError('apiKey must be a non-empty key without spaces (sk_...)');
  if (options.version !== undefined && !VERSION_PATTERN.test(options.version)) {
    throw new TypeError(`version must be a date YYYY-MM-DD, got "${options.version}"`);
  }
  return {
    ...options.headers,
    Authorization: `Bearer ${options.apiKey}`,
    ...(options.version ? { 'Speechify-Version': options.version } : {}),
  };
}

/**
 * A client of the public suite-run API. The key and version are default headers, so one call
 * can still override them: `headers: { Authorization: 'Bearer sk_other' }`, or `null` to send
 * none (what an auth check needs).
 */
export function createSuiteRunClient(options: SuiteRunClientOptions): SuiteRunClient {
  return createClient<paths, 'application/json'>({
    baseUrl: options.baseUrl,
    headers: defaultHeaders(options),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** A client of the control interface (`spec/control.openapi.yaml`), authenticated the same way. */
export function createControlClient(options: SuiteRunClientOptions): ControlClient {
  return createClient<controlPaths, 'application/json'>({
    baseUrl: options.baseUrl,
    headers: defaultHeaders(options),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
