// Live traffic as the judge sees it: one exchange a client made (through the proxy, or read from
// a HAR file), turned into the kit's Exchange so that the oracle judges it as it judges verify's
// own traffic. Keys are replaced at once by a label per distinct key: a report never holds one.
import { parseJson, type Api, type Exchange } from '../http/exchange.ts';

/** What was on the wire, as the proxy or a HAR file gives it. */
export interface WireExchange {
  method: string;
  /** Path and query as the client sent it, from the origin on (`/v1/...?...`). */
  path: string;
  /** Where it was sent (shown in reports, used in repros). */
  origin: string;
  /** Lower-cased names; several values joined with `, `. */
  requestHeaders: Record<string, string>;
  requestBody?: string;
  /** 0 when no answer came. */
  status: number;
  responseHeaders: Record<string, string>;
  /** The answer's body; the proxy hands the bytes (decoded only when a rule reads them). */
  responseBody: string | Buffer;
  /** Milliseconds since the epoch when the request was sent. */
  startedAt: number;
  durationMs: number;
  error?: string;
}

/** One judged exchange: the kit's Exchange (keys masked) and who made it. */
export interface LiveExchange {
  exchange: Exchange;
  /** `public`, `control`, or `other` (docs pages and anything outside /v1 and /_control). */
  area: Api | 'other';
  /** The key's label (`$SUITERUN_KEY_1`), undefined when no well-formed Bearer key was sent. */
  key?: string;
  /** Whether an Authorization header was sent at all (a malformed one counts as sent). */
  authSent: boolean;
  requestId?: string;
  startedAt: number;
  /** The answer's body as it came (bytes or text), for telling an identical answer cheaply. */
  body: string | Buffer;
}

/** `Bearer <key>`: the scheme word in any case (RFC 7235), exactly one key token. */
function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^([A-Za-z]+) +(\S+) *$/.exec(header);
  return match && match[1]!.toLowerCase() === 'bearer' ? match[2] : undefined;
}

/**
 * Gives each distinct key a label, in order of first sight. The label is the only thing stored:
 * a key is never kept in an exchange, a finding or a report. A label is already masked
 * (`$SUITERUN_KEY_1`), so a HAR written by verify (which masks keys the same way) reads back
 * with one label per key.
 */
export interface Keyring {
  label(token: string): string;
  /** The text with every key seen so far replaced by its label. */
  mask(text: string): string;
}

export function createKeyring(): Keyring {
  const labels = new Map<string, string>();
  return {
    mask(text) {
      let out = text;
      for (const [token, label] of labels) if (out.includes(token)) out = out.split(token).join(label);
      return out;
    },
    label(token) {
      if (/^\$[A-Z0-9_]+$/.test(token)) return token;
      let label = labels.get(token);
      if (!label) {
        label = `$SUITERUN_KEY_${labels.size + 1}`;
        labels.set(token, label);
      }
      return label;
    },
  };
}

const DOCS = (path: string) =>
  path === '/docs' || path.startsWith('/docs/') || path === '/openapi.yaml' || path === '/openapi.json';

function areaOf(path: string): LiveExchange['area'] {
  const bare = path.split('?')[0]!;
  if (bare === '/_control' || bare.startsWith('/_control/')) return 'control';
  if (DOCS(bare)) return 'other';
  return 'public';
}

let seq = 0;

export function toLiveExchange(wire: WireExchange, keyring: Keyring): LiveExchange {
  const area = areaOf(wire.path);
  const authorization = wire.requestHeaders.authorization;
  const token = bearerToken(authorization);
  const key = token === undefined ? undefined : keyring.label(token);
  // A key may come back anywhere (an echo, a header): every text is masked, not only Authorization.
  const mask = (record: Record<string, string>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, keyring.mask(v)]));
  const requestHeaders = mask(wire.requestHeaders);
  if (authorization !== undefined) requestHeaders.authorization = key ? `Bearer ${key}` : '(malformed, not shown)';
  const raw = wire.responseBody;
  const api: Api = area === 'control' ? 'control' : 'public';
  const exchange: Exchange = {
    seq: ++seq,
    api,
    method: wire.method.toUpperCase(),
    url: `${wire.origin}${wire.path}`,
    // The oracle's control paths are relative to the control base (`/reset`, not `/_control/reset`).
    path: area === 'control' ? wire.path.slice('/_control'.length) : wire.path,
    requestHeaders,
    ...(wire.requestBody !== undefined && wire.requestBody !== ''
      ? { requestBody: keyring.mask(wire.requestBody) }
      : {}),
    status: wire.status,
    responseHeaders: mask(wire.responseHeaders),
    text: '',
    ms: Math.round(wire.durationMs * 10) / 10,
    startedAt: wire.startedAt,
    endedAt: wire.startedAt + wire.durationMs,
    ...(wire.error ? { error: wire.error } : {}),
    probe: false,
  };
  // Decoded, masked and parsed when a rule first reads it: an answer the judge has already seen
  // is never decoded again.
  let text: string | undefined;
  let parsed: { value: unknown } | undefined;
  const textOf = () => (text ??= keyring.mask(typeof raw === 'string' ? raw : raw.toString('utf8')));
  Object.defineProperty(exchange, 'text', { enumerable: true, get: textOf });
  Object.defineProperty(exchange, 'json', {
    enumerable: true,
    get: () => {
      parsed ??= { value: parseJson(textOf()) };
      return parsed.value;
    },
  });
  const requestId = wire.responseHeaders['speechify-request-id'];
  return {
    exchange,
    area,
    ...(key ? { key } : {}),
    authSent: authorization !== undefined,
    ...(requestId ? { requestId } : {}),
    startedAt: wire.startedAt,
    body: raw,
  };
}
