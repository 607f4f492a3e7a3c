// The semantic proxy: a byte relay. Each client connection gets its own connection to the
// target and every byte goes through as it comes, in both directions, unchanged (status,
// headers, body, chunking, keep-alive: the client's answer is the target's, byte for byte).
// Beside the relay, a reader finds where each request and answer ends and keeps a copy; a
// finished exchange is judged on a later turn of the event loop, so judging never delays an answer.
import net from 'node:net';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { Contracts } from '../oracle/schema.ts';
import { createMessageReader, type Message } from './http1.ts';
import { createJudge, type Finding, type Judge } from './judge.ts';
import { buildLiveReport, type LiveReport } from './report.ts';
import { createKeyring, toLiveExchange, type WireExchange } from './traffic.ts';

export const REPORT_PATH = '/_proxy/report';
const REPORT_REQUEST = Buffer.from(`GET ${REPORT_PATH}`);

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

function rawAnswer(status: number, reason: string, body: string, close: boolean): Buffer {
  const bytes = Buffer.from(body);
  const head = [
    `HTTP/1.1 ${status} ${reason}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${bytes.length}`,
    ...(close ? ['connection: close'] : []),
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const target = new URL(options.target);
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new Error(`--target must be an http(s) URL, got ${options.target}`);
  if (target.pathname !== '/' && target.pathname !== '')
    throw new Error(`--target must be an origin (scheme, host, port), without a path: ${options.target}`);
  const secure = target.protocol === 'https:';
  const targetPort = Number(target.port || (secure ? 443 : 80));
  const targetHost = target.hostname.replace(/^\[|\]$/g, '');
  const origin = target.origin;
  const keyring = createKeyring();
  const judge = createJudge(options.contracts, options.onFinding);
  const startedAt = new Date();
  const started = performance.now();
  const now = () => performance.timeOrigin + performance.now();
  const queue: WireExchange[] = [];
  const sockets = new Set<net.Socket>();
  let draining = false;

  // Judged a slice at a time, so that a backlog never holds the event loop (and the relay) for long.
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
    return buildLiveReport(
      'proxy',
      options.target,
      judge.findings,
      judge.exchanges,
      startedAt,
      Math.round(performance.now() - started),
    );
  };

  function exchangeOf(request: Message, answer: Message): WireExchange {
    const status = Number(answer.line[1]);
    return {
      method: request.line[0],
      path: request.line[1],
      origin,
      requestHeaders: request.headers,
      ...(request.body.length ? { requestBody: request.body.toString('utf8') } : {}),
      status: Number.isInteger(status) ? status : 0,
      responseHeaders: answer.headers,
      responseBody: answer.body,
      startedAt: request.startedAt,
      durationMs: answer.endedAt - request.startedAt,
    };
  }

  function relay(client: net.Socket): void {
    sockets.add(client);
    client.setNoDelay(true);
    const upstream = secure
      ? tls.connect({ host: targetHost, port: targetPort, servername: targetHost })
      : net.connect({ host: targetHost, port: targetPort });
    upstream.setNoDelay(true);
    let answered = false;
    const requests: Message[] = [];
    const requestReader = createMessageReader('request', now, (message) => {
      requests.push(message);
    });
    const answerReader = createMessageReader(
      'response',
      now,
      (answer) => {
        const status = Number(answer.line[1]);
        if (status >= 100 && status < 200 && status !== 101) return; // an interim answer; the final one follows
        const request = requests.shift();
        if (request) enqueue(exchangeOf(request, answer));
      },
      {
        bodyless: (m) => {
          const status = Number(m.line[1]);
          return requests[0]?.line[0] === 'HEAD' || (status >= 100 && status < 200) || status === 204 || status === 304;
        },
        tunnel: (m) => m.line[1] === '101' || (requests[0]?.line[0] === 'CONNECT' && m.line[1]!.startsWith('2')),
      },
    );

    client.on('data', (chunk: Buffer) => {
      // The report is the proxy's own: a request for it, between requests with no answer owed, is answered here.
      if (
        requestReader.idle &&
        requests.length === 0 &&
        chunk.subarray(0, REPORT_REQUEST.length).equals(REPORT_REQUEST) &&
        /^GET \/_proxy\/report[ ?]/.test(chunk.toString('latin1', 0, REPORT_PATH.length + 5))
      ) {
        client.write(rawAnswer(200, 'OK', JSON.stringify(report(), null, 2), false));
        return;
      }
      requestReader.push(chunk);
      if (!upstream.write(chunk)) {
        client.pause();
        upstream.once('drain', () => client.resume());
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      answered = true;
      if (!client.write(chunk)) {
        upstream.pause();
        client.once('drain', () => upstream.resume());
      }
      answerReader.push(chunk);
    });
    upstream.on('end', () => {
      answerReader.end();
      client.end();
    });
    client.on('end', () => upstream.end());
    upstream.on('error', (error) => {
      // The target did not answer: a 502 from the proxy (not judged), unless the answer had begun.
      if (!answered && !client.destroyed) {
        answered = true;
        client.end(
          rawAnswer(
            502,
            'Bad Gateway',
            JSON.stringify({
              error: {
                code: 'bad_gateway',
                message: `suiterun-kit proxy: the target did not answer (${error.message})`,
              },
            }),
            true,
          ),
        );
      } else client.destroy();
    });
    client.on('error', () => upstream.destroy());
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
  }

  const server = net.createServer(relay);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    report,
    judge,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          drain(true);
          resolve();
        });
        // Keep-alive connections would hold the server open: the relay ends them (their answers are complete).
        for (const socket of sockets) socket.end();
      });
      return closing;
    },
  };
}
