// The proxy forwards faithfully: for a range of requests (JSON, errors, chunked and binary
// answers, several Set-Cookie, an empty 204, request bodies and headers echoed back) the bytes a
// client gets through it equal those it gets directly, hop-by-hop headers aside; and an answer
// streams through chunk by chunk, never held back until it ends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLiveContracts, REPORT_PATH, startProxy, type RunningProxy } from './index.ts';

interface Raw {
  status: number;
  statusMessage: string;
  headers: string[];
  body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);
let release: (() => void) | undefined;

/** A target whose answers are the same every time, so direct and proxied answers compare byte for byte. */
function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = req.url ?? '/';
    if (path === '/json')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1,"b":[true,null]}');
    if (path === '/error') {
      return void res
        .writeHead(500, 'Something Broke', {
          'content-type': 'application/json; charset=utf-8',
          'speechify-request-id': 'req_1',
        })
        .end('{"error":{"code":"internal_error","message":"x"},"request_id":"req_1"}');
    }
    if (path === '/chunked') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 50; i++) res.write(`chunk ${i} ${'x'.repeat(i * 37)}\n`);
      return void res.end();
    }
    if (path === '/binary')
      return void res
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    if (path === '/cookies')
      return void res
        .writeHead(
          200,
          [
            ['Set-Cookie', 'a=1'],
            ['Set-Cookie', 'b=2'],
            ['X-Custom', 'v'],
          ].flat(),
        )
        .end('ok');
    if (path === '/empty') return void res.writeHead(204).end();
    if (path === '/stream') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first\n');
      release = () => res.end('last\n');
      return;
    }
    const echo = {
      method: req.method,
      url: path,
      headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection'].includes(k))),
      body: Buffer.concat(chunks).toString('base64'),
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
  });
}

function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          if (!HOP_BY_HOP.has(res.rawHeaders[i]!.toLowerCase()))
            headers.push(`${res.rawHeaders[i]!.toLowerCase()}: ${res.rawHeaders[i + 1]}`);
        }
        resolve({
          status: res.statusCode!,
          statusMessage: res.statusMessage ?? '',
          headers,
          body: Buffer.concat(chunks),
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the proxy forwards faithfully', () => {
  let target: http.Server;
  let targetPort: number;
  let proxy: RunningProxy;

  beforeAll(async () => {
    target = http.createServer(handler);
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetPort = (target.address() as AddressInfo).port;
    proxy = await startProxy({ target: `http://127.0.0.1:${targetPort}`, contracts: await loadLiveContracts() });
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => target.close(resolve));
  });

  const body = Buffer.from('{"entries":[{"test_id":"test_x"}], "é": "\u00e9"}');
  const cases: [string, string, string, Record<string, string>, Buffer?][] = [
    ['a JSON answer', 'GET', '/json', {}],
    ['an error answer with its own status text', 'GET', '/error', {}],
    ['a chunked answer', 'GET', '/chunked', {}],
    ['a binary answer', 'GET', '/binary', {}],
    ['several Set-Cookie headers', 'GET', '/cookies', {}],
    ['an empty 204', 'DELETE', '/empty', {}],
    [
      'a POST body and its headers (echoed back)',
      'POST',
      '/echo?q=%2F&x=1',
      {
        authorization: 'Bearer sk_test_alpha',
        'content-type': 'application/json',
        'idempotency-key': 'k 1',
        'x-odd': 'a,b',
      },
      body,
    ],
    ['a path as sent, dots and escapes kept', 'GET', '/a/%2E%2E/b%2Fc?x=%20', {}],
  ];

  it.each(cases)(
    '%s: status, headers and body equal the direct answer',
    async (_name, method, path, headers, payload) => {
      const direct = await send(targetPort, method, path, headers, payload);
      const proxied = await send(proxy.port, method, path, headers, payload);
      expect(proxied.status).toBe(direct.status);
      expect(proxied.statusMessage).toBe(direct.statusMessage);
      expect(proxied.headers).toEqual(direct.headers);
      expect(proxied.body.equals(direct.body)).toBe(true);
    },
  );

  it('streams: the first chunk reaches the client while the target is still writing', async () => {
    const first = await new Promise<{ text: string; rest: Promise<string> }>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: proxy.port, path: '/stream', agent: false }, (res) => {
        let text = '';
        let done: (value: string) => void;
        const rest = new Promise<string>((r) => (done = r));
        res.on('data', (c: Buffer) => {
          text += c.toString();
          if (text === 'first\n') resolve({ text, rest });
        });
        res.on('end', () => done(text));
      });
      req.on('error', reject);
    });
    expect(first.text).toBe('first\n');
    // Only now may the target finish: had the proxy waited for the end, the first chunk would never have come.
    release!();
    expect(await first.rest).toBe('first\nlast\n');
  });

  it(`serves its report at ${REPORT_PATH} without forwarding it`, async () => {
    const answer = await send(proxy.port, 'GET', REPORT_PATH);
    expect(answer.status).toBe(200);
    const report = JSON.parse(answer.body.toString()) as { source: string; exchanges: number };
    expect(report.source).toBe('proxy');
    expect(report.exchanges).toBeGreaterThan(0);
    expect(answer.body.toString()).not.toContain('sk_test_alpha');
  });

  it('answers 502 with a JSON body when the target does not answer', async () => {
    const dead = http.createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((resolve) => dead.close(resolve));
    const orphan = await startProxy({ target: `http://127.0.0.1:${port}`, contracts: await loadLiveContracts() });
    try {
      const answer = await send(orphan.port, 'GET', '/v1/agents/tests/suite-runs');
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body.toString()).error.code).toBe('bad_gateway');
    } finally {
      await orphan.close();
    }
  });
});
