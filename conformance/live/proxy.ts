// The semantic proxy: forwards every request and answer as they stream (status, headers, body),
// and only once an answer is fully forwarded hands a copy of the exchange to the judge, on a
// later turn of the event loop, so judging never delays an answer.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Contracts } from '../oracle/schema.ts';
import { createJudge, type Finding, type Judge } from './judge.ts';
import { buildLiveReport, type LiveReport } from './report.ts';
import { createKeyring, toLiveExchange, type WireExchange } from './traffic.ts';

export const REPORT_PATH = '/_proxy/report';

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection and are not forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'proxy-authorization']);

/** Bodies are copied for the judge up to this size; a longer one is forwarded whole but judged cut. */
const COPY_LIMIT = 4 * 1024 * 1024;
/** Exchanges judged per turn of the event loop. */
const SLICE = 32;

export interface ProxyOptions {
  target: string;
  contracts: Contracts;
  host?: string;
  port?: number;
  onFinding?: (finding: Finding) => void;
}

export interface RunningProxy {
  url: string;
  port: number;
  report(): LiveReport;
  /** Judges what is still queued, then stops listening. */
  close(): Promise<void>;
  readonly judge: Judge;
}

function forwardable(headers: http.IncomingHttpHeaders, connection: string | undefined): http.OutgoingHttpHeaders {
  const named = new Set((connection ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name)) out[name] = value;
  }
  return out;
}

function flat(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function collector() {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add(chunk: Buffer) {
      if (size < COPY_LIMIT) chunks.push(chunk);
      size += chunk.length;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
    get size() {
      return size;
    },
  };
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const target = new URL(options.target);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error(`--target must be an http(s) URL, got ${options.target}`);
  const module = target.protocol === 'https:' ? https : http;
  const agent = new module.Agent({ keepAlive: true, maxSockets: 256 });
  const basePath = target.pathname.replace(/\/$/, '');
  const keyring = createKeyring();
  const judge = createJudge(options.contracts, options.onFinding);
  const startedAt = new Date();
  const started = performance.now();
  const now = () => performance.timeOrigin + performance.now();
  const queue: WireExchange[] = [];
  let draining = false;

  // Judged a slice at a time, so that a backlog never holds the event loop (and the answers) for long.
  const drain = (all = false) => {
    draining = false;
    for (const wire of queue.splice(0, all ? queue.length : SLICE)) judge.see(toLiveExchange(wire, keyring));
    if (queue.length && !draining) {
      draining = true;
      setImmediate(drain);
    }
  };
  const enqueue = (wire: WireExchange) => {
    queue.push(wire);
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  };
  const report = () => {
    drain(true);
    return buildLiveReport('proxy', options.target, judge.findings, judge.exchanges, startedAt, Math.round(performance.now() - started));
  };

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (req.method === 'GET' && path.split('?')[0] === REPORT_PATH) {
      const body = JSON.stringify(report(), null, 2);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const sentAt = now();
    const requestBody = collector();
    const headers = forwardable(req.headers, req.headers.connection);
    headers.host = target.host;
    const upstream = module.request(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: `${basePath}${path}`, headers, agent },
      (answer) => {
        const responseBody = collector();
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardable(answer.headers, answer.headers.connection));
        answer.on('data', (chunk: Buffer) => {
          responseBody.add(chunk);
          if (!res.write(chunk)) {
            answer.pause();
            res.once('drain', () => answer.resume());
          }
        });
        answer.on('end', () => {
          res.end();
          enqueue({
            method: req.method ?? 'GET',
            path,
            origin: options.target.replace(/\/$/, ''),
            requestHeaders: flat(req.headers),
            ...(requestBody.size ? { requestBody: requestBody.text() } : {}),
            status: answer.statusCode ?? 0,
            responseHeaders: flat(answer.headers),
            responseBody: responseBody.text(),
            startedAt: sentAt,
            durationMs: now() - sentAt,
          });
        });
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', (error) => {
      // The target did not answer: the client gets a 502 from the proxy, and nothing is judged.
      if (!res.headersSent) {
        const body = JSON.stringify({ error: { code: 'bad_gateway', message: `suiterun-kit proxy: the target did not answer (${error.message})` } });
        res.writeHead(502, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      } else res.destroy();
    });
    req.on('data', (chunk: Buffer) => {
      requestBody.add(chunk);
      if (!upstream.write(chunk)) {
        req.pause();
        upstream.once('drain', () => req.resume());
      }
    });
    req.on('end', () => upstream.end());
    req.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    report,
    judge,
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => {
          drain(true);
          agent.destroy();
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
