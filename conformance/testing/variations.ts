// The mirror of the mutants: a proxy in front of a correct implementation that rewrites its
// answers in one way the contract allows (key order, extra fields, timestamp precision and
// offset, another cursor encoding, other message texts, the operation's own not-found code,
// Content-Type spelling, chunked bodies, Connection: close, extra headers, small delays).
// `verify` must pass through every one: a failure is a false positive of the kit.
import {
  startMutantProxy,
  type MutantProxy,
  type Mutation,
  type ProxiedRequest,
  type ProxiedResponse,
  type Transport,
} from './mutant-proxy.ts';

export interface Variation {
  name: string;
  /** What the contract allows that this variation does, in one line. */
  what: string;
  mutation: Mutation;
  transport?: Transport;
  /**
   * The upstream's clock should step by this many milliseconds per reading, so that timestamps
   * carry 0 to 3 significant fractional digits (the test gives the reference server such a clock).
   */
  clockStepMs?: number;
}

type Json = unknown;
type Obj = Record<string, Json>;
const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects whose keys are data, not fields: `fields` (path -> message) and `config_override` (the caller's). */
const MAPS = new Set(['fields', 'config_override']);

/** Applies `change` to every object of a JSON value, depth first; a map's own keys are left alone. */
function eachObject(value: Json, change: (o: Obj) => Obj, key?: string): Json {
  if (Array.isArray(value)) return value.map((v) => eachObject(v, change));
  if (!isObj(value)) return value;
  const inner: Obj = {};
  for (const [k, v] of Object.entries(value)) inner[k] = eachObject(v, change, k);
  return key !== undefined && MAPS.has(key) ? inner : change(inner);
}

/** Applies `change` to every string of a JSON value. */
function eachString(value: Json, change: (s: string) => string): Json {
  if (typeof value === 'string') return change(value);
  if (Array.isArray(value)) return value.map((v) => eachString(v, change));
  if (!isObj(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, eachString(v, change)]));
}

/** A JSON body rewritten (a body that is not JSON, or empty, is left alone). */
function mapBody(res: ProxiedResponse, change: (body: Json) => Json): ProxiedResponse {
  if (!res.body) return res;
  try {
    return { ...res, body: JSON.stringify(change(JSON.parse(res.body))) };
  } catch {
    return res;
  }
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

/**
 * The same instant written with 0 to 6 fractional digits (never fewer than it needs): the count
 * is a function of the instant, so one instant always reads the same (`consistently`). With `Z`
 * the count is never the one given, so every timestamp reads otherwise than upstream wrote it.
 */
export function restamp(value: string, offset: 'Z' | '+00:00'): string {
  const m = TIMESTAMP.exec(value);
  if (!m) return value;
  const needed = (m[2] ?? '').replace(/0+$/, '');
  let hash = 0;
  for (const c of value) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  const given = (m[2] ?? '').length;
  const counts: number[] = [];
  for (let d = needed.length; d <= 6; d++) if (offset !== 'Z' || d !== given) counts.push(d);
  if (!counts.length) return value;
  const digits = counts[hash % counts.length]!;
  const fraction = needed.padEnd(digits, '0');
  return `${m[1]}${fraction ? `.${fraction}` : ''}${offset}`;
}

/** Another opaque cursor encoding, and back; a cursor not of this encoding is sent on as is. */
const CURSOR_PREFIX = 'v~';
export function encodeCursor(cursor: string): string {
  return `${CURSOR_PREFIX}${Buffer.from([...cursor].reverse().join(''), 'utf8').toString('hex')}`;
}
export function decodeCursor(cursor: string): string {
  if (!cursor.startsWith(CURSOR_PREFIX) || !/^[0-9a-f]*$/.test(cursor.slice(CURSOR_PREFIX.length))) return cursor;
  return [...Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'hex').toString('utf8')].reverse().join('');
}

function rewriteQuery(req: ProxiedRequest, name: string, change: (v: string) => string): ProxiedRequest {
  const at = req.path.indexOf('?');
  if (at < 0) return req;
  const params = req.path
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0 || pair.slice(0, eq) !== name) return pair;
      return `${name}=${encodeURIComponent(change(decodeURIComponent(pair.slice(eq + 1))))}`;
    });
  return { ...req, path: `${req.path.slice(0, at)}?${params.join('&')}` };
}

const WELL_FORMED = (prefix: string) => new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`);
const OWN_NOT_FOUND: Array<{ route: RegExp; prefix: string; code: string }> = [
  // Run All: POST /v1/agents/{agent_id}/tests/runs (its agent id).
  { route: /^\/v1\/agents\/(?!tests\/)([^/?]+)\/tests\/runs$/, prefix: 'agent', code: 'agent_not_found' },
  // Run one test and the test's runs: /v1/agents/tests/{test_id}/runs (its test id).
  {
    route: /^\/v1\/agents\/tests\/(?!suite-runs\/|runs\/)([^/?]+)\/runs$/,
    prefix: 'test',
    code: 'agent_test_not_found',
  },
];

/** Response headers the contract says nothing about. */
const EXTRA_HEADERS = {
  'x-powered-by': 'variation-proxy',
  'cache-control': 'no-store',
  vary: 'Accept-Encoding, Origin',
  'x-ratelimit-limit': '1000',
  'x-ratelimit-remaining': '999',
  'strict-transport-security': 'max-age=0',
  'x-variation-note': 'an unknown header',
};

/** Every variation of the contract, fresh state per call. */
export function variations(): Variation[] {
  const answers = (change: (body: Json, req: ProxiedRequest, res: ProxiedResponse) => Json): Mutation => ({
    response: (req, res) => mapBody(res, (body) => change(body, req, res)),
  });
  const withHeaders = (headers: (res: ProxiedResponse) => Record<string, string> | undefined): Mutation => ({
    response: (_req, res) => ({ ...res, headers: { ...res.headers, ...headers(res) } }),
  });
  const isJson = (res: ProxiedResponse) => /^application\/json/i.test(res.headers['content-type'] ?? '');
  return [
    {
      name: 'key-order',
      what: 'every object with its keys in reverse order',
      mutation: answers((body) => eachObject(body, (o) => Object.fromEntries(Object.entries(o).reverse()))),
    },
    {
      name: 'extra-fields',
      what: 'an unknown field (a nested object) on every object, nested ones too',
      mutation: answers((body) =>
        eachObject(body, (o) => ({ ...o, x_unknown_field: { added_by: 'variation', list: [1, { deep: true }] } })),
      ),
    },
    {
      name: 'timestamps-digits',
      what: 'timestamps with 0 to 6 fractional digits (the same instants)',
      clockStepMs: 125,
      mutation: answers((body) => eachString(body, (s) => restamp(s, 'Z'))),
    },
    {
      name: 'timestamps-offset',
      what: 'timestamps with +00:00 for Z, and 0 to 6 fractional digits',
      clockStepMs: 125,
      mutation: answers((body) => eachString(body, (s) => restamp(s, '+00:00'))),
    },
    {
      name: 'cursor-encoding',
      what: 'another opaque cursor encoding (mapped back on the requests that send it)',
      mutation: {
        request: (req) => rewriteQuery(req, 'cursor', decodeCursor),
        response: (_req, res) =>
          mapBody(res, (body) =>
            isObj(body) && typeof body.next_cursor === 'string'
              ? { ...body, next_cursor: encodeCursor(body.next_cursor) }
              : body,
          ),
      },
    },
    {
      name: 'error-messages',
      what: 'other error message texts (the message and each field message)',
      mutation: answers((body) => {
        if (!isObj(body) || !isObj(body.error)) return body;
        const error: Obj = {
          ...body.error,
          message: 'The request could not be served as sent (reworded by a variation).',
        };
        if (isObj(error.fields))
          error.fields = Object.fromEntries(
            Object.keys(error.fields).map((k) => [k, `This value is not accepted (${k}).`]),
          );
        return { ...body, error };
      }),
    },
    {
      name: 'own-not-found-code',
      what: "a malformed path id answers the operation's own not-found code (agent_not_found, agent_test_not_found)",
      mutation: answers((body, req, res) => {
        if (res.status !== 404 || !isObj(body) || !isObj(body.error) || body.error.code !== 'not_found') return body;
        const path = req.path.split('?')[0]!;
        for (const own of OWN_NOT_FOUND) {
          const id = own.route.exec(path)?.[1];
          if (id !== undefined && !WELL_FORMED(own.prefix).test(decodeURIComponent(id)))
            return { ...body, error: { ...body.error, code: own.code } };
        }
        return body;
      }),
    },
    {
      name: 'content-type-bare',
      what: 'Content-Type: application/json without charset',
      mutation: withHeaders((res) => (isJson(res) ? { 'content-type': 'application/json' } : undefined)),
    },
    {
      name: 'content-type-charset',
      what: 'Content-Type: application/json;charset=UTF-8 (no space, upper case)',
      mutation: withHeaders((res) => (isJson(res) ? { 'content-type': 'application/json;charset=UTF-8' } : undefined)),
    },
    {
      name: 'chunked',
      what: 'bodies sent chunked, without Content-Length',
      mutation: {},
      transport: { chunked: true },
    },
    {
      name: 'connection-close',
      what: 'Connection: close on every answer, the connection closed after it',
      mutation: {},
      transport: { close: true },
    },
    {
      name: 'extra-headers',
      what: 'response headers the contract does not name',
      mutation: withHeaders(() => EXTRA_HEADERS),
    },
    {
      name: 'delayed',
      what: 'every answer delayed by 1 to 7 ms',
      mutation: {},
      transport: { delaysMs: [1, 4, 2, 7, 3] },
    },
  ];
}

/** A proxy that applies one variation to every exchange. */
export function startVariationProxy(upstreamUrl: string, variation: Variation): Promise<MutantProxy> {
  return startMutantProxy(upstreamUrl, variation.mutation, variation.transport);
}
