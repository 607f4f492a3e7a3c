// Fuzz: thousands of malformed requests over real HTTP (raw sockets, so that nothing is cleaned
// up on the way). Whatever arrives, the server answers with the contract's envelope: never a
// 5xx, never HTML, a code that fits the status, a request id; it still answers a good request
// afterwards; and no refused request changes the store.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Contract } from '../src/contract/index.ts';
import { startServer, type RunningServer } from '../src/server/index.ts';
import type { Store } from '../src/store/store.ts';
import { sendRaw, type RawAnswer, type RawRequest } from './support/raw-http.ts';
import { describeRequest, isDocsPage, KEYS, malformedRequest } from './support/malformed-requests.ts';

const RUNS = 2000;
const REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;

/** The codes that may come with each status (CONTRACT.md, wire basics). */
const CODES_BY_STATUS: Record<number, string[]> = {
  400: ['bad_request', 'validation_failed', 'invalid_api_version'],
  401: ['unauthorized'],
  404: ['not_found', 'agent_not_found', 'agent_test_not_found'],
  405: ['method_not_allowed'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
};

let server: RunningServer;
let contract: Contract;

beforeAll(async () => {
  // The control interface stays off: a malformed request must not reach a reset by accident.
  server = await startServer({ control: false });
  contract = await loadContract();
});
afterAll(async () => {
  await server.close();
});

/** Everything the API could show, as text: every suite, every run of every test, the idempotency records. */
function snapshot(store: Store): string {
  return JSON.stringify({
    workspaces: store.workspaceIds.map((ws) => ({
      ws,
      suites: store.listSuites(ws, { limit: Number.MAX_SAFE_INTEGER }).items,
      runs: store.tests(ws).map((t) => store.listRuns(ws, t.id, { limit: Number.MAX_SAFE_INTEGER }).items),
    })),
    idempotencyRecords: store.idempotency.size,
  });
}

/** What every answer to a malformed request must be; returns a description of what is wrong, if anything. */
function problemsWith(request: RawRequest, answer: RawAnswer): string[] {
  const problems: string[] = [];
  const header = (name: string) => answer.headers[name]?.[0];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  if (!REQUEST_ID.test(header('speechify-request-id') ?? ''))
    problems.push(`request id ${header('speechify-request-id')}`);
  if (!/^application\/json/.test(header('content-type') ?? '')) problems.push(`content-type ${header('content-type')}`);
  if (answer.status >= 200 && answer.status < 300 && !(request.method === 'GET' && answer.status === 200)) {
    problems.push(`a ${request.method} was accepted (${answer.status}): the generator made a valid request`);
  }
  if (request.method === 'HEAD') return problems; // no body, by HTTP
  let body: any;
  try {
    body = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return [...problems, `body is not JSON: ${answer.body.subarray(0, 200).toString('latin1')}`];
  }
  if (answer.status >= 400) {
    if (!contract.schema('Error')(body)) problems.push(`not the error envelope: ${JSON.stringify(body).slice(0, 300)}`);
    const code = body?.error?.code;
    if (!(CODES_BY_STATUS[answer.status] ?? []).includes(code))
      problems.push(`code ${code} with status ${answer.status}`);
    if (body?.request_id !== header('speechify-request-id')) problems.push('request_id differs from the header');
    if (answer.status === 401 && header('www-authenticate') !== 'Bearer')
      problems.push('401 without WWW-Authenticate: Bearer');
    if (answer.status === 405 && !header('allow')) problems.push('405 without Allow');
  }
  return problems;
}

describe('fuzz: malformed requests', () => {
  it(`${RUNS} malformed requests: always the envelope, never a 5xx or HTML, and the store unchanged`, async () => {
    const before = snapshot(server.store);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(malformedRequest, async (request) => {
        const outcome = await sendRaw(server.port, request);
        if ('noAnswer' in outcome) throw new Error(`${outcome.noAnswer}: ${describeRequest(request)}`);
        statuses.set(outcome.answer.status, (statuses.get(outcome.answer.status) ?? 0) + 1);
        const problems = problemsWith(request, outcome.answer);
        if (problems.length)
          throw new Error(
            `${problems.join('; ')}\n  request: ${describeRequest(request)}\n  answer: ${outcome.answer.status} ${outcome.answer.body.subarray(0, 300).toString('latin1')}`,
          );
      }),
      { numRuns: RUNS },
    );
    expect(snapshot(server.store)).toBe(before);
    // The generator reaches every kind of refusal, not just one.
    for (const status of [400, 401, 404, 405, 413, 415])
      expect(statuses.get(status) ?? 0, `answers with status ${status}`).toBeGreaterThan(0);

    const good = await fetch(`${server.url}/v1/agents/tests/suite-runs?limit=1`, {
      headers: { authorization: `Bearer ${KEYS.alpha}` },
    });
    expect(good.status).toBe(200);
    expect(((await good.json()) as { suite_runs: unknown[] }).suite_runs).toHaveLength(1);
  });

  it('the docs pages the fuzz leaves out are the only HTML the server sends', async () => {
    expect(isDocsPage('/docs')).toBe(true);
    expect(isDocsPage('/docs/assets/%2e%2e/package.json')).toBe(false);
    const outcome = await sendRaw(server.port, {
      method: 'GET',
      target: '/docs',
      headers: [
        ['Host', 'x'],
        ['Connection', 'close'],
      ],
    });
    expect('answer' in outcome && outcome.answer.headers['content-type']?.[0]).toMatch(/^text\/html/);
  });
});

describe('cases the fuzz found, pinned', () => {
  const cases: [string, RawRequest, number, string][] = [
    [
      'a body nested 10,000 deep with an Idempotency-Key (was a 500: the request hash recursed)',
      {
        method: 'POST',
        target: '/v1/agents/agent_01M6B1YQ00KK2E5G4WKKWPGZ5A/tests/runs',
        headers: [
          ['Host', 'x'],
          ['Authorization', `Bearer ${KEYS.alpha}`],
          ['Content-Type', 'application/json'],
          ['Idempotency-Key', 'k'],
          ['Content-Length', '20006'],
          ['Connection', 'close'],
        ],
        body: Buffer.from(`{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
      },
      400,
      'bad_request',
    ],
    [
      "Content-Encoding: gzip on a body that is not gzip (was a 500: zlib's error passed through)",
      {
        method: 'POST',
        target: '/v1/agents/tests/runs/batch',
        headers: [
          ['Host', 'x'],
          ['Authorization', `Bearer ${KEYS.alpha}`],
          ['Content-Type', 'application/json'],
          ['Content-Encoding', 'gzip'],
          ['Content-Length', '2'],
          ['Connection', 'close'],
        ],
        body: Buffer.from('{}'),
      },
      400,
      'bad_request',
    ],
    [
      'CONNECT with a megabyte of body behind it (the drained socket no longer holds up server.close)',
      {
        method: 'CONNECT',
        target: '127.0.0.1:80',
        headers: [
          ['Host', 'x'],
          ['Content-Length', String(1024 * 1024)],
        ],
        body: Buffer.alloc(1024 * 1024, 0x20),
      },
      400,
      'bad_request',
    ],
    [
      "an unknown method (was node's bare 400 without a body)",
      { method: 'FOO', target: '/v1/agents/tests/suite-runs', headers: [['Host', 'x']] },
      400,
      'bad_request',
    ],
    [
      "headers over 16 KB (was node's bare 431)",
      {
        method: 'GET',
        target: '/',
        headers: [
          ['Host', 'x'],
          ['Authorization', `Bearer ${'y'.repeat(20_000)}`],
        ],
      },
      400,
      'bad_request',
    ],
    [
      'CONNECT (the connection was dropped without an answer)',
      { method: 'CONNECT', target: '127.0.0.1:80', headers: [['Host', 'x']] },
      400,
      'bad_request',
    ],
    [
      "no Host header (was node's bare 400)",
      { method: 'GET', target: '/v1/agents/tests/suite-runs', headers: [['Connection', 'close']] },
      401,
      'unauthorized',
    ],
    [
      "Expect other than 100-continue (was node's bare 417)",
      {
        method: 'GET',
        target: '/v1/agents/tests/suite-runs',
        headers: [
          ['Host', 'x'],
          ['Expect', 'x'],
          ['Connection', 'close'],
        ],
      },
      401,
      'unauthorized',
    ],
    [
      'a body shorter than its Content-Length, then the end of the connection',
      {
        method: 'POST',
        target: '/v1/agents/tests/runs/batch',
        headers: [
          ['Host', 'x'],
          ['Authorization', `Bearer ${KEYS.alpha}`],
          ['Content-Type', 'application/json'],
          ['Content-Length', '50'],
        ],
        body: Buffer.from('{"entries":'),
        halfClose: true,
      },
      400,
      'bad_request',
    ],
  ];

  it.each(cases)('%s', async (_name, request, status, code) => {
    const before = snapshot(server.store);
    const outcome = await sendRaw(server.port, request);
    if ('noAnswer' in outcome) throw new Error(outcome.noAnswer);
    expect(problemsWith(request, outcome.answer)).toEqual([]);
    expect(outcome.answer.status).toBe(status);
    expect(JSON.parse(outcome.answer.body.toString('utf8')).error.code).toBe(code);
    expect(snapshot(server.store)).toBe(before);
  });
});
