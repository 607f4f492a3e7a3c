// The kit's HTTP layer: node:http (not fetch) so that paths go out byte for byte (`%2E%2E`,
// `%2F`) and odd Authorization headers are possible. Every exchange is recorded, counted,
// shown to the observers (schema, ids, derivation) and to every open trace (the repro). Checks
// run side by side, so each gets a scope of its own (`scope()`): its own traces, its own count
// and its own list of what it saw, over one shared transport (sockets, --rate, --timeout).
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import type { ExchangeRecord } from '../types.ts';

export type KeyRole = 'main' | 'other' | 'revoked';

/** How a request authenticates: one of the configured keys, or a raw header value (null: none). */
export type Auth = { role: KeyRole; scheme?: string } | { header: string | null };

export type Api = 'public' | 'control';

interface RequestSpec {
  method: string;
  /** Path and query, sent as written, e.g. `/v1/agents/tests/suite-runs?limit=5`. */
  path: string;
  api?: Api;
  auth?: Auth;
  headers?: Record<string, string>;
  /** A JSON value, or `{ raw }` for a body sent as is. */
  body?: unknown;
  /** A probe (control detection) is not judged by the observers. */
  probe?: boolean;
}

/**
 * An exchange as the reports show it. A request the kit sent with one of its keys shows the
 * role, never the key (`Bearer <main key>`); other headers (live traffic, already masked) as they are.
 */
export function toRecord(e: Exchange): ExchangeRecord {
  return {
    method: e.method,
    url: e.url,
    requestHeaders: e.keyRole
      ? { ...e.requestHeaders, authorization: `${e.authScheme ?? 'Bearer'} <${e.keyRole} key>` }
      : e.requestHeaders,
    ...(e.requestBody !== undefined ? { requestBody: e.requestBody } : {}),
    status: e.status,
    responseHeaders: e.responseHeaders,
    responseBody: e.text,
    ms: e.ms,
    ...(e.error ? { error: e.error } : {}),
  };
}

export interface Exchange {
  seq: number;
  api: Api;
  method: string;
  url: string;
  /** Path and query as sent. */
  path: string;
  keyRole?: KeyRole;
  /** The scheme word sent with keyRole (`Bearer` unless a check varies it). */
  authScheme?: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  /** 0 when no answer came (the error says why). */
  status: number;
  /** Lower-cased names. */
  responseHeaders: Record<string, string>;
  text: string;
  /** The parsed JSON body, undefined when the body is empty or not JSON. */
  json?: unknown;
  ms: number;
  /** performance.now() at send and at answer: overlapping exchanges ran in parallel. */
  startedAt: number;
  endedAt: number;
  error?: string;
  probe: boolean;
  /** The scope (or isolated lane) that sent it: only its own exchanges can have run side by side in a repro. */
  origin?: object;
}

interface Trace {
  exchanges: Exchange[];
  adopt(exchanges: Exchange[]): void;
  close(): void;
}

export interface HttpClientOptions {
  target: string;
  controlUrl: string;
  keys: Record<KeyRole, string | undefined>;
  /** A request without a whole answer by then ends with status 0 and the reason (never retried). */
  timeoutMs: number;
  /** Requests per second across the whole run (every scope); undefined: as fast as answers come. */
  rate?: number;
}

export interface HttpClient {
  send(spec: RequestSpec): Promise<Exchange>;
  /** Requests this scope sent (the root: every request of the run). */
  readonly requests: number;
  readonly options: HttpClientOptions;
  /** Every exchange of every scope, as it happens. */
  onExchange(listener: (exchange: Exchange, scope: string) => void): void;
  openTrace(): Trace;
  /** Adds exchanges made earlier (a memoized scenario) to this scope's open traces and to what it saw. */
  adopt(exchanges: Exchange[]): void;
  /** Adds exchanges to what this scope saw (for the observers) without putting them in a repro. */
  notice(exchanges: Exchange[]): void;
  /** What this scope sent, adopted or noticed, in that order, each once. */
  readonly seen: readonly Exchange[];
  /** A view with traces, count and `seen` of its own over the same transport. */
  scope(name: string): HttpClient;
  /**
   * Runs `body` in a lane of this scope: what it sends, adopts and notices goes to the lane only
   * (runs side by side stay apart), until `absorb` hands the lane to the scope.
   */
  isolate<T>(body: () => Promise<T>): { done: Promise<T>; lane: Lane };
  /** Adds a lane's exchanges to the scope as if they happened now, in the lane's own order. */
  absorb(lane: Lane): void;
  close(): void;
}

/** What one scope (or one isolated lane of it) recorded. */
export interface Lane {
  readonly owner: object;
  readonly traces: Set<Exchange[]>;
  /** Sent or adopted: what a repro of this lane may show. */
  readonly traced: Exchange[];
  /** Traced or noticed: what the observers see. */
  readonly seen: Exchange[];
  readonly known: Set<Exchange>;
  readonly knownTraced: Set<Exchange>;
  sent: number;
}

const lanes = new AsyncLocalStorage<Lane>();

function createLane(owner: object): Lane {
  return { owner, traces: new Set(), traced: [], seen: [], known: new Set(), knownTraced: new Set(), sent: 0 };
}

function see(lane: Lane, e: Exchange): void {
  if (lane.known.has(e)) return;
  lane.known.add(e);
  lane.seen.push(e);
}

function adoptInto(lane: Lane, more: readonly Exchange[]): void {
  for (const trace of lane.traces) for (const e of more) if (!trace.includes(e)) trace.push(e);
  for (const e of more) {
    if (!lane.knownTraced.has(e)) {
      lane.knownTraced.add(e);
      lane.traced.push(e);
    }
    see(lane, e);
  }
}

/** Spaces request starts 1/rate s apart across the run; the slots are taken in call order. */
export function createPacer(
  rate: number | undefined,
  now: () => number = () => performance.now(),
): () => Promise<void> {
  if (rate === undefined) return () => Promise.resolve();
  const gap = 1000 / rate;
  let next = -Infinity;
  return () => {
    const at = Math.max(now(), next);
    next = at + gap;
    const wait = at - now();
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, Math.ceil(wait))) : Promise.resolve();
  };
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  // Sockets kept alive, but dropped after 2 s idle: a target that closes idle ones (Node's
  // default is 5 s) would otherwise reset a request sent on one just as it closes.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 2000 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 256, timeout: 2000 }),
  };
  const listeners: ((exchange: Exchange, scope: string) => void)[] = [];
  const pace = createPacer(options.rate);
  let seq = 0;

  function authHeader(auth: Auth | undefined): { value: string | null; role?: KeyRole; scheme?: string } {
    const chosen: Auth = auth ?? { role: 'main' };
    if ('header' in chosen) return { value: chosen.header };
    const key = options.keys[chosen.role];
    if (key === undefined) throw new Error(`no ${chosen.role} key configured`);
    const scheme = chosen.scheme ?? 'Bearer';
    return { value: `${scheme} ${key}`, role: chosen.role, scheme };
  }

  async function transmit(spec: RequestSpec): Promise<Exchange> {
    const api = spec.api ?? 'public';
    const base = api === 'control' ? options.controlUrl : options.target;
    const url = new URL(base);
    const basePath = url.pathname.replace(/\/$/, '');
    const fullPath = `${basePath}${spec.path}`;
    const auth = authHeader(spec.auth);
    const requestHeaders: Record<string, string> = { accept: 'application/json', ...spec.headers };
    if (auth.value !== null) requestHeaders.authorization = auth.value;
    let requestBody: string | undefined;
    if (spec.body !== undefined) {
      const raw = spec.body as { raw?: unknown };
      requestBody =
        typeof raw === 'object' && raw !== null && typeof raw.raw === 'string' ? raw.raw : JSON.stringify(spec.body);
      requestHeaders['content-type'] ??= 'application/json';
    }
    await pace();
    const started = performance.now();
    const answer = await roundTrip(url, fullPath, spec.method, requestHeaders, requestBody);
    const ended = performance.now();
    const exchange: Exchange = {
      seq: ++seq,
      api,
      method: spec.method.toUpperCase(),
      url: `${url.origin}${fullPath}`,
      path: spec.path,
      ...(auth.role ? { keyRole: auth.role, authScheme: auth.scheme } : {}),
      requestHeaders,
      ...(requestBody !== undefined ? { requestBody } : {}),
      status: answer.status,
      responseHeaders: answer.headers,
      text: answer.text,
      json: parseJson(answer.text),
      ms: Math.round((ended - started) * 10) / 10,
      startedAt: started,
      endedAt: ended,
      ...(answer.error ? { error: answer.error } : {}),
      probe: Boolean(spec.probe),
    };
    return exchange;
  }

  function roundTrip(url: URL, path: string, method: string, headers: Record<string, string>, body?: string) {
    return new Promise<{ status: number; headers: Record<string, string>; text: string; error?: string }>((resolve) => {
      const module = url.protocol === 'https:' ? https : http;
      const outgoing = {
        ...headers,
        ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
      };
      const verb = method.toUpperCase();
      let settled = false;
      const done = (answer: { status: number; headers: Record<string, string>; text: string; error?: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(answer);
      };
      const req = module.request(
        {
          host: url.hostname,
          port: url.port || (url.protocol === 'https:' ? 443 : 80),
          method: verb,
          path,
          headers: outgoing,
          agent: agents[url.protocol as 'http:' | 'https:'],
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const flat: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
            }
            done({ status: res.statusCode ?? 0, headers: flat, text: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', (error) => done({ status: 0, headers: {}, text: '', error: error.message }));
        },
      );
      // The whole answer, body included, within the limit: a target that trickles bytes ends too.
      const timer = setTimeout(() => {
        const error = `no answer within ${options.timeoutMs} ms: ${verb} ${url.origin}${path}`;
        done({ status: 0, headers: {}, text: '', error });
        req.destroy(new Error(error));
      }, options.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) =>
        done({
          status: 0,
          headers: {},
          text: '',
          error: error.code ? `${error.code} ${error.message}` : error.message,
        }),
      );
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  function makeScope(name: string): HttpClient {
    const owner = {};
    const base = createLane(owner);
    // The lane this call belongs to: an isolated one of this scope, or the scope's own.
    const current = (): Lane => {
      const lane = lanes.getStore();
      return lane?.owner === owner ? lane : base;
    };
    return {
      async send(spec) {
        const lane = current();
        const exchange = await transmit(spec);
        exchange.origin = lane;
        lane.sent++;
        lane.knownTraced.add(exchange);
        lane.traced.push(exchange);
        see(lane, exchange);
        for (const trace of lane.traces) trace.push(exchange);
        for (const listener of listeners) listener(exchange, name);
        return exchange;
      },
      get requests() {
        return name === '' ? seq : base.sent;
      },
      options,
      onExchange(listener) {
        listeners.push(listener);
      },
      openTrace() {
        const lane = current();
        const exchanges: Exchange[] = [];
        lane.traces.add(exchanges);
        return {
          exchanges,
          adopt(more) {
            for (const e of more) if (!exchanges.includes(e)) exchanges.push(e);
            for (const e of more) see(lane, e);
          },
          close() {
            lane.traces.delete(exchanges);
          },
        };
      },
      adopt(more) {
        adoptInto(current(), more);
      },
      notice(more) {
        const lane = current();
        for (const e of more) see(lane, e);
      },
      get seen() {
        return base.seen;
      },
      scope: makeScope,
      isolate(body) {
        const lane = createLane(owner);
        return { done: lanes.run(lane, body), lane };
      },
      absorb(lane) {
        adoptInto(base, lane.traced);
        for (const e of lane.seen) see(base, e);
        base.sent += lane.sent;
      },
      close() {
        agents['http:'].destroy();
        agents['https:'].destroy();
      },
    };
  }

  return makeScope('');
}

/** The body as JSON, or undefined when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
