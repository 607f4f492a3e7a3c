// A deliberately broken target for the kit's own tests: an HTTP proxy in front of a correct
// implementation that rewrites requests or answers in one named way. Each check is proven able
// to fail by a mutant that breaks exactly what it checks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Mutation {
  /** Rewrite the request, or answer it without asking upstream. */
  request?(req: ProxiedRequest): ProxiedRequest | ProxiedResponse;
  /** Rewrite upstream's answer. */
  response?(req: ProxiedRequest, res: ProxiedResponse): ProxiedResponse;
}

export interface MutantProxy {
  url: string;
  close(): Promise<void>;
}

/** How the proxy writes an answer on the wire (by default: whole, with Content-Length, kept alive, at once). */
export interface Transport {
  /** Send the body in several chunks with `Transfer-Encoding: chunked` (no Content-Length). */
  chunked?: boolean;
  /** Answer with `Connection: close` and close the connection after the answer. */
  close?: boolean;
  /** Delay each answer by a few milliseconds (cycles through these). */
  delaysMs?: number[];
}

/** Applies `change` to a JSON body (left alone when the body is not JSON). */
export function mapJson(res: ProxiedResponse, change: (body: any) => unknown): ProxiedResponse {
  try {
    const body = JSON.parse(res.body);
    const changed = change(body);
    return { ...res, body: JSON.stringify(changed === undefined ? body : changed) };
  } catch {
    return res;
  }
}

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): ProxiedResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'speechify-request-id': 'req_mutant', ...headers },
    body: JSON.stringify(body),
  };
}

/** Node's headers as one string each (repeated ones joined with `, `). */
function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  return flat;
}

/** Sends the request on to the upstream and reads its whole answer. */
function forward(upstream: URL, req: ProxiedRequest): Promise<ProxiedResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: upstream.host, 'content-length': String(Buffer.byteLength(req.body)) };
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            headers: flatHeaders(res.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    out.on('error', reject);
    out.end(req.body);
  });
}

/** The whole request a proxy received, headers flattened. */
function readProxied(incoming: http.IncomingMessage): Promise<ProxiedRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('error', reject);
    incoming.on('end', () =>
      resolve({
        method: incoming.method ?? 'GET',
        path: incoming.url ?? '/',
        headers: flatHeaders(incoming.headers),
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
  });
}

/** The answer a mutation gives: its own, or the upstream's to the (possibly rewritten) request, rewritten. */
async function answerThrough(upstream: URL, mutation: Mutation, received: ProxiedRequest): Promise<ProxiedResponse> {
  const first = mutation.request ? mutation.request(received) : received;
  if ('status' in first) return first;
  const res = await forward(upstream, first);
  return mutation.response ? mutation.response(first, res) : res;
}

/**
 * A proxy that applies `mutation` to every exchange and writes each answer as `transport` says
 * (the mutants use the default; the variations also vary the transport). The upstream's framing
 * and hop-by-hop headers are dropped: this proxy frames its own answers.
 */
export async function startMutantProxy(
  upstreamUrl: string,
  mutation: Mutation,
  transport: Transport = {},
): Promise<MutantProxy> {
  const upstream = new URL(upstreamUrl);
  let answered = 0;
  const server = http.createServer(async (incoming, outgoing) => {
    try {
      const res = await answerThrough(upstream, mutation, await readProxied(incoming));
      const delays = transport.delaysMs;
      if (delays?.length) await new Promise((resolve) => setTimeout(resolve, delays[answered++ % delays.length]));
      const {
        'content-length': _cl,
        'transfer-encoding': _te,
        connection: _c,
        'keep-alive': _ka,
        ...rest
      } = res.headers;
      const body = Buffer.from(res.body, 'utf8');
      const out: Record<string, string> = { ...rest, ...(transport.close ? { connection: 'close' } : {}) };
      if (!transport.chunked) out['content-length'] = String(body.length);
      outgoing.writeHead(res.status, out);
      if (transport.chunked && body.length > 1) {
        // Split mid-body (mid-character too): the client must join the chunks before decoding.
        const cut = [Math.floor(body.length / 3), Math.floor((2 * body.length) / 3)];
        outgoing.write(body.subarray(0, cut[0]));
        outgoing.write(body.subarray(cut[0], cut[1]));
        outgoing.end(body.subarray(cut[1]));
      } else outgoing.end(body);
    } catch (error) {
      outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(String(error));
    }
  });
  return listenProxy(server);
}

/** Listens on an ephemeral port of 127.0.0.1; close() drops open connections too. */
async function listenProxy(server: http.Server): Promise<MutantProxy> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
