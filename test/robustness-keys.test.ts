// API keys: compared in constant time (the keyring's comparisons, observed through a spy on
// sha256.ts's sameDigest: always every known key, always two 32-byte digests, whatever the key),
// and never written to a log line, wherever a client puts them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../src/server/index.ts';
import { loggedPath } from '../src/server/request-log.ts';
import { loadFixtures } from '../src/store/fixtures.ts';
import { createKeyring } from '../src/store/keyring.ts';
import * as digests from '../src/store/sha256.ts';
import { sendRaw } from './support/raw-http.ts';

vi.mock('../src/store/sha256.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/store/sha256.ts')>();
  return { ...actual, sameDigest: vi.fn(actual.sameDigest) };
});

const fixtures = loadFixtures();
const KNOWN = fixtures.workspaces.flatMap((w) => w.keys);
const VALID = KNOWN.filter((k) => !k.revoked).map((k) => k.key);
const REVOKED = KNOWN.filter((k) => k.revoked).map((k) => k.key);
const INVALID = ['sk_live_0123456789abcdef', 'sk_test_alph', 'sk_test_alphaX'];

describe('the keyring compares keys in constant time', () => {
  const keyring = createKeyring(fixtures.workspaces);
  const compare = vi.mocked(digests.sameDigest);

  it.each([
    ['the first known key', KNOWN[0]!.key],
    ['the last known key', KNOWN[KNOWN.length - 1]!.key],
    ['a revoked key', REVOKED[0]!],
    ['a near miss', 'sk_test_alphb'],
    ['an empty key', ''],
    ['a 100,000-character key', 'x'.repeat(100_000)],
    ['non-ASCII', 'sk_tést_ålpha'],
  ])('%s: one sameDigest per known key, each on two 32-byte SHA-256 digests', (_name, key) => {
    compare.mockClear();
    keyring.workspaceOf(key);
    expect(compare).toHaveBeenCalledTimes(KNOWN.length);
    for (const [a, b] of compare.mock.calls) {
      expect(a instanceof Uint8Array && b instanceof Uint8Array).toBe(true);
      expect([a.length, b.length]).toEqual([32, 32]);
    }
  });

  it('still finds the right workspace (the spy is transparent)', () => {
    expect(keyring.workspaceOf('sk_test_alpha')).toBe('alpha');
    expect(keyring.workspaceOf(REVOKED[0]!)).toBeUndefined();
  });
});

describe('no log line carries a key', () => {
  const lines: string[] = [];
  let server: RunningServer;
  const everyKey = [...VALID, ...REVOKED, ...INVALID];

  beforeAll(async () => {
    server = await startServer({ control: true, log: true, logSink: (line) => lines.push(line) });
  });
  afterAll(async () => {
    await server.close();
  });

  async function call(
    method: string,
    path: string,
    init: { key?: string; headers?: Record<string, string>; body?: string } = {},
  ) {
    const headers: Record<string, string> = {
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...(init.headers ?? {}),
    };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const answer = await fetch(`${server.url}${path}`, {
      method,
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    await answer.arrayBuffer();
    return answer;
  }

  it('keys in the Authorization header, the query string, the body, other headers and the path: logged requests, no key', async () => {
    const test = fixtures.workspaces[0]!.tests[0]!;
    let requests = 0;
    for (const key of everyKey) {
      const q = encodeURIComponent(key);
      const sent = [
        call('GET', '/v1/agents/tests/suite-runs', { key }),
        call('GET', `/v1/agents/tests/suite-runs?api_key=${q}&key=${q}&cursor=${q}`, { key }),
        call('GET', `/v1/agents/tests/suite-runs?api_key=${q}`),
        call('POST', '/v1/agents/tests/runs/batch', {
          key,
          body: JSON.stringify({ entries: [{ test_id: test.id }], api_key: key }),
        }),
        call('POST', '/v1/agents/tests/runs/batch', { key, body: `{"api_key":"${key}"` }), // not JSON
        call('POST', '/v1/agents/tests/runs/batch', { body: JSON.stringify({ authorization: `Bearer ${key}` }) }),
        call('GET', '/v1/agents/tests/suite-runs', {
          headers: { 'x-api-key': key, authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
        }),
        call('GET', `/v1/agents/tests/suite-runs/${q}`, { key }),
        call('GET', `/v1/${q}/tests`, { key }),
        call('POST', '/_control/suite-runs', {
          key,
          body: JSON.stringify({ children: [{ status: 'pending' }], note: key }),
        }),
      ];
      requests += sent.length;
      await Promise.all(sent);
    }
    // And through node's parser refusals: a key in a header too big to parse.
    await sendRaw(server.port, {
      method: 'GET',
      target: '/',
      headers: [
        ['Host', 'x'],
        ['Authorization', `Bearer ${VALID[0]} ${'x'.repeat(20_000)}`],
      ],
    });

    expect(lines.length).toBeGreaterThanOrEqual(requests);
    for (const line of lines) {
      for (const key of everyKey) expect(line, `log line ${line}`).not.toContain(key);
      expect(line).not.toMatch(/sk_(?!\[redacted\])/);
      expect(line).not.toContain('?');
      expect(line).not.toMatch(/authorization|bearer/i);
      expect(Object.keys(JSON.parse(line)).sort()).toEqual(['method', 'ms', 'path', 'request_id', 'status', 'time']);
    }
  });

  it('one line per request: method, path without the query string, status, time taken, request id', async () => {
    lines.length = 0;
    const answer = await call('GET', '/v1/agents/tests/suite-runs?limit=1', { key: VALID[0]! });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      method: 'GET',
      path: '/v1/agents/tests/suite-runs',
      status: 200,
      request_id: answer.headers.get('speechify-request-id'),
    });
    expect(typeof line.ms).toBe('number');
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);
  });

  it.each([
    ['/v1/agents/tests/suite-runs', '/v1/agents/tests/suite-runs'],
    ['/v1/sk_test_alpha/x', '/v1/sk_[redacted]/x'],
    ['/v1/SK_LIVE_abc', '/v1/sk_[redacted]'],
    ['/v1/sk%5Ftest_alpha', '/v1/sk_[redacted]'],
    [
      '/v1/agents/tests/suite-runs/srun_01M8K8GPM08W042RDZFZYH1S42',
      '/v1/agents/tests/suite-runs/srun_01M8K8GPM08W042RDZFZYH1S42',
    ],
  ])('the logged path of %s is %s', (path, logged) => {
    expect(loggedPath(path)).toBe(logged);
  });
});

describe('logging is off unless asked for', () => {
  it('a server started without log writes nothing to stdout, whatever it answers', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    const server = await startServer({ control: true });
    try {
      for (const key of [...VALID, ...REVOKED, ...INVALID]) {
        const answer = await fetch(`${server.url}/v1/agents/tests/suite-runs`, {
          headers: { authorization: `Bearer ${key}` },
        });
        await answer.arrayBuffer();
      }
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
      await server.close();
    }
  });
});
