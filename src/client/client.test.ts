import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createControlClient, createSuiteRunClient, type ApiError, type SuiteRun } from '../index.ts';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
interface Answer {
  status: number;
  body?: unknown;
  raw?: string;
}

// A tiny server that records each request and answers whatever the test queued.
let server: Server;
let baseUrl: string;
let recorded: Recorded[] = [];
let answer: Answer = { status: 200, body: {} };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      recorded.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (answer.status === 204) {
        res.writeHead(204).end();
        return;
      }
      const text = answer.raw ?? JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': answer.raw ? 'text/plain' : 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});
beforeEach(() => {
  recorded = [];
  answer = { status: 200, body: {} };
});

const SUITE_ID = 'srun_01M6DV7580JHH3VXH3J1Z0NDTA';
const SUITE: SuiteRun = {
  id: SUITE_ID,
  agent_id: 'agent_01M6DQS9M0F4B65HPSEG122Q51',
  agent_name: 'Support Concierge',
  trigger: 'run_all',
  parent_suite_run_id: null,
  status: 'cancelled',
  verdict: null,
  total: 1,
  completed: 0,
  failed: 0,
  running: 0,
  pending: 0,
  cancelled: 1,
  results: { passed: 0, failed: 0 },
  created_at: '2026-11-02T12:00:00.000Z',
  ended_at: '2026-11-02T12:05:00.000Z',
  runs: [],
};
const NOT_FOUND: ApiError = {
  error: { code: 'not_found', message: 'No suite run with this id exists in this workspace.' },
  request_id: 'req_1',
};

function only(): Recorded {
  expect(recorded).toHaveLength(1);
  return recorded[0]!;
}

describe('createSuiteRunClient', () => {
  it('sends GET to the spec path with the bearer key and the version, and returns the parsed suite run', async () => {
    answer = { status: 200, body: SUITE };
    const client = createSuiteRunClient({ baseUrl, apiKey: 'sk_test_alpha', version: '2026-11-01' });
    const { data, error, response } = await client.GET('/v1/agents/tests/suite-runs/{suite_run_id}', {
      params: { path: { suite_run_id: SUITE_ID } },
    });
    const request = only();
    expect(request.method).toBe('GET');
    expect(request.url).toBe(`/v1/agents/tests/suite-runs/${SUITE_ID}`);
    expect(request.headers.authorization).toBe('Bearer sk_test_alpha');
    expect(request.headers['speechify-version']).toBe('2026-11-01');
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual(SUITE);
    expectTypeOf(data).toEqualTypeOf<SuiteRun | undefined>();
  });

  it('answers an error status as { error } with the envelope, never a throw', async () => {
    answer = { status: 404, body: NOT_FOUND };
    const client = createSuiteRunClient({ baseUrl, apiKey: 'sk_test_alpha' });
    const result = await client.POST('/v1/agents/tests/suite-runs/{suite_run_id}/cancel', {
      params: { path: { suite_run_id: SUITE_ID } },
    });
    expect(only()).toMatchObject({ method: 'POST', url: `/v1/agents/tests/suite-runs/${SUITE_ID}/cancel` });
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(NOT_FOUND);
    expect(result.response.status).toBe(404);
  });

  it('answers a non-JSON 500 as { error } too', async () => {
    answer = { status: 500, raw: 'upstream exploded' };
    const client = createSuiteRunClient({ baseUrl, apiKey: 'sk_test_alpha' });
    const result = await client.GET('/v1/agents/tests/runs/{test_run_id}', {
      params: { path: { test_run_id: 'run_01M6DV7580M9JSV712RESD85HC' } },
    });
    expect(result.data).toBeUndefined();
    expect(result.error).toBe('upstream exploded');
    expect(result.response.status).toBe(500);
  });

  it('sends no Speechify-Version when none is given', async () => {
    await createSuiteRunClient({ baseUrl, apiKey: 'sk_test_bravo' }).GET('/v1/agents/tests/suite-runs');
    const request = only();
    expect(request.headers.authorization).toBe('Bearer sk_test_bravo');
    expect(request.headers).not.toHaveProperty('speechify-version');
  });

  it('sends a JSON body, the Idempotency-Key header parameter and the query', async () => {
    answer = { status: 202, body: { runs: [], suite_run: null } };
    const client = createSuiteRunClient({ baseUrl: `${baseUrl}/`, apiKey: 'sk_test_alpha' });
    const body = {
      entries: [
        { test_id: 'test_01M6DQSAK873BGZEDJGKDRM7ZJ' },
        { test_id: 'test_01M6DQSBJGXX3F6KYXWBYB5824', agent_id: 'agent_01M6DQS9M0F4B65HPSEG122Q51' },
      ],
    };
    const { data } = await client.POST('/v1/agents/tests/runs/batch', {
      params: { header: { 'Idempotency-Key': 'retry-7' } },
      body,
    });
    expect(data).toEqual({ runs: [], suite_run: null });
    const request = only();
    expect(request.url).toBe('/v1/agents/tests/runs/batch');
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(request.headers['idempotency-key']).toBe('retry-7');
    expect(JSON.parse(request.body)).toEqual(body);

    await client.GET('/v1/agents/tests/suite-runs', {
      params: { query: { agent_id: 'agent_01M6DQS9M0F4B65HPSEG122Q51', limit: 5, cursor: 'c/1' } },
    });
    const url = new URL(recorded[1]!.url, baseUrl);
    expect(url.pathname).toBe('/v1/agents/tests/suite-runs');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      agent_id: 'agent_01M6DQS9M0F4B65HPSEG122Q51',
      limit: '5',
      cursor: 'c/1',
    });
  });

  it('encodes a path id, so a malformed id stays one path segment', async () => {
    await createSuiteRunClient({ baseUrl, apiKey: 'sk_test_alpha' }).GET('/v1/agents/tests/suite-runs/{suite_run_id}', {
      params: { path: { suite_run_id: 'srun_../x y' } },
    });
    expect(only().url).toBe('/v1/agents/tests/suite-runs/srun_..%2Fx%20y');
  });

  it('lets one call override or drop the default headers (what auth checks need)', async () => {
    const client = createSuiteRunClient({ baseUrl, apiKey: 'sk_test_alpha', version: '2026-11-01' });
    await client.GET('/v1/agents/tests/suite-runs', { headers: { Authorization: 'Bearer sk_test_revoked' } });
    await client.GET('/v1/agents/tests/suite-runs', {
      headers: { Authorization: null, 'Speechify-Version': 'yesterday' },
    });
    expect(recorded[0]!.headers.authorization).toBe('Bearer sk_test_revoked');
    expect(recorded[1]!.headers).not.toHaveProperty('authorization');
    expect(recorded[1]!.headers['speechify-version']).toBe('yesterday');
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const client = createSuiteRunClient({
      baseUrl,
      apiKey: 'sk_test_alpha',
      fetch: (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('authorization')}`);
        return fetch(request);
      },
    });
    await client.POST('/v1/agents/tests/suite-runs/{suite_run_id}/resubmit', {
      params: { path: { suite_run_id: SUITE_ID } },
    });
    expect(seen).toEqual([`POST /v1/agents/tests/suite-runs/${SUITE_ID}/resubmit Bearer sk_test_alpha`]);
    expect(recorded).toHaveLength(1);
  });

  it('throws on misuse only: a relative base URL, an empty key, a malformed version', () => {
    expect(() => createSuiteRunClient({ baseUrl: '127.0.0.1:4010', apiKey: 'sk_test_alpha' })).toThrow(/baseUrl/);
    expect(() => createSuiteRunClient({ baseUrl, apiKey: '' })).toThrow(/apiKey/);
    expect(() => createSuiteRunClient({ baseUrl, apiKey: 'sk_test_alpha', version: '2026-1-1' })).toThrow(/version/);
  });
});

describe('createControlClient', () => {
  it('calls the control interface with the bearer key', async () => {
    answer = { status: 204 };
    const { error, response } = await createControlClient({ baseUrl, apiKey: 'sk_test_alpha' }).POST('/_control/reset');
    expect(only()).toMatchObject({
      method: 'POST',
      url: '/_control/reset',
      headers: { authorization: 'Bearer sk_test_alpha' },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(204);
  });
});

describe('the package entry', () => {
  it('is what `import ... from "suiterun-kit"` gives: the client factories and the id helpers', async () => {
    const entry = await import('suiterun-kit');
    expect(entry.createSuiteRunClient).toBe(createSuiteRunClient);
    expect(entry.createControlClient).toBe(createControlClient);
    expect(entry.isId(entry.mintId('srun'), 'srun')).toBe(true);
    expect(entry.ID_PREFIXES).toEqual(['srun', 'run', 'test', 'agent', 'fver']);
    expect(Object.keys(entry).sort()).toEqual(
      [
        'CROCKFORD_ALPHABET',
        'ID_BODY_LENGTH',
        'ID_PREFIXES',
        'createControlClient',
        'createIdMinter',
        'createSuiteRunClient',
        'idPattern',
        'isId',
        'mintId',
        'parseId',
      ].sort(),
    );
  });
});

describe('the type-level tests (client.test-d.ts)', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  let dir: string;
  beforeAll(async () => {
    dir = join(root, 'tmp', `typecheck-${process.pid}-${Date.now()}`);
    await mkdir(dir, { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('compile, and a call off the spec in a canary file is the only error tsc reports', async () => {
    // The canary proves tsc really checks this way: a wrong path must be an error.
    await writeFile(
      join(dir, 'canary.ts'),
      "import { createSuiteRunClient } from '../../src/index.ts';\n" +
        "const client = createSuiteRunClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'sk_x' });\n" +
        "export const wrong = client.GET('/v1/agents/tests/suite-runz');\n",
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../tsconfig.json', include: ['../../src/client/client.test-d.ts', 'canary.ts'] }),
    );
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(
        join(root, 'node_modules', '.bin', 'tsc'),
        ['--noEmit', '--pretty', 'false', '-p', join(dir, 'tsconfig.json')],
        { cwd: root },
      );
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('error', reject);
      child.on('close', (exit) => resolve({ code: exit, output: text }));
    });
    const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(code).not.toBe(0);
    expect(
      errors.filter((line) => !line.includes('canary.ts')),
      output,
    ).toEqual([]);
    expect(errors.length, output).toBeGreaterThan(0);
    expect(errors.every((line) => line.includes('canary.ts(3,'))).toBe(true);
  });
});
