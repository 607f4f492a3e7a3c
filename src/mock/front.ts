// The mock's front door: a small node:http proxy on the address the user asked for, with Prism
// behind it on a loopback port. Before Prism: request id, key, version, route, ids, body (gate.ts).
// After: Prism's answer made the contract's (answers.ts). It keeps no state, like Prism.
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, INTERNAL_ERROR } from '../wire/errors.ts';
import { BODY_ERRORS, BODY_LIMIT_BYTES } from '../wire/json-body.ts';
import { nextRequestId } from '../wire/request-id.ts';
import type { OperationInfo } from '../contract/index.ts';
import { errorAnswer, fromPrism, mergeHeaders, type Answer } from './answers.ts';
import { MESSAGES } from './errors.ts';
import { checkBody, checkHead, type BodyToForward, type GateDeps } from './gate.ts';

export interface FrontOptions extends GateDeps {
  host: string;
  port: number;
  prismPort: number;
  isEnvelope: (body: unknown) => boolean;
}

export interface RunningFront {
  port: number;
  close(): Promise<void>;
}

/** Headers that belong to one connection, not to the request: never forwarded. */
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
]);

/** Browsers call the mock from a dev server's origin: let them read every answer, the front's own too. */
function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': 'Speechify-Request-Id, WWW-Authenticate, Allow',
    Vary: 'Origin',
  };
}

function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

function send(res: ServerResponse, answer: Answer, origin: string | undefined): void {
  res.writeHead(
    answer.status,
    mergeHeaders(answer.headers, corsHeaders(origin), { 'Content-Length': answer.body.length }),
  );
  res.end(answer.body);
}

type BodyRead = { ok: true; body: Buffer } | { ok: false };

function readBody(req: IncomingMessage): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT_BYTES) return Promise.resolve({ ok: false });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    req.once('error', reject);
  });
}

function forwardHeaders(
  headers: IncomingHttpHeaders,
  key: string | undefined,
  forward: BodyToForward,
): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) out[name] = value;
  // Prism checks the scheme word case-sensitively; the contract does not (RFC 7235).
  if (key !== undefined) out.authorization = `Bearer ${key}`;
  if (forward.contentType) out['content-type'] = forward.contentType;
  if (forward.body.length) out['content-length'] = String(forward.body.length);
  return out;
}

function askPrism(
  agent: Agent,
  port: number,
  req: IncomingMessage,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<Answer & { headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port, agent, method: req.method, path: req.url, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () =>
          resolve({ status: response.statusCode ?? 500, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.once('error', reject);
      },
    );
    upstream.once('error', reject);
    upstream.end(body);
  });
}

export function startFront(options: FrontOptions): Promise<RunningFront> {
  const agent = new Agent({ keepAlive: true });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = nextRequestId();
    const origin = req.headers.origin;
    const refuse = (error: ApiError): void => send(res, errorAnswer(error, requestId), origin);
    let operation: OperationInfo | undefined;
    let key: string | undefined;
    // A CORS preflight carries no key by design: Prism answers it.
    if (!isPreflight(req)) {
      const head = checkHead(
        { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, headers: req.headers },
        options,
      );
      if (!head.ok) return refuse(head.error);
      ({ operation, key } = head.value);
    }
    const read = await readBody(req);
    if (!read.ok) {
      res.setHeader('Connection', 'close');
      return refuse(BODY_ERRORS.tooLarge());
    }
    let forward: BodyToForward = { body: read.body };
    if (operation) {
      const checked = checkBody(operation, req.method ?? 'GET', req.headers, read.body);
      if (!checked.ok) return refuse(checked.error);
      forward = checked.value;
    }
    let prism: Answer & { headers: IncomingHttpHeaders };
    try {
      prism = await askPrism(agent, options.prismPort, req, forwardHeaders(req.headers, key, forward), forward.body);
    } catch {
      return refuse(new ApiError(INTERNAL_ERROR, { message: MESSAGES.prismUnreachable }));
    }
    send(res, fromPrism(prism, { requestId, operation, isEnvelope: options.isEnvelope }), origin);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, errorAnswer(new ApiError(INTERNAL_ERROR), nextRequestId()), req.headers.origin);
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.removeListener('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
            agent.destroy();
          }),
      });
    });
  });
}
