// Test helpers for the reference server over real HTTP. Every answer any server test receives
// is checked here against the spec for its operation and status (or against the Error schema
// for unknown routes), with the headers every answer must carry; a mismatch fails the test.
import http from 'node:http';
import { afterAll, beforeAll, expect } from 'vitest';
import { CONTROL_SPEC_PATH, loadContract, type Contract } from '../../src/contract/index.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/index.ts';

export const ALPHA = 'sk_test_alpha';
export const BRAVO = 'sk_test_bravo';
export const REVOKED = 'sk_test_revoked';

export interface Exchange {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
  text: string;
}

interface CallOptions {
  /** The API key (default alpha); null sends no Authorization header. */
  key?: string | null;
  /** A raw Authorization header, instead of `Bearer <key>`. */
  authorization?: string;
  /** A JSON value (sent as application/json) or raw text (with `contentType`). */
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Off only for deliberately broken servers (faults). */
  validate?: boolean;
}

export interface TestServer {
  server: RunningServer;
  url: string;
  call(method: string, path: string, options?: CallOptions): Promise<Exchange>;
  get(path: string, options?: CallOptions): Promise<Exchange>;
  post(path: string, body?: unknown, options?: CallOptions): Promise<Exchange>;
  /** How many answers were checked against the spec. */
  readonly checked: number;
  close(): Promise<void>;
}

let contracts: Promise<{ public: Contract; control: Contract }> | undefined;
function specContracts() {
  contracts ??= Promise.all([loadContract(), loadContract(CONTROL_SPEC_PATH)]).then(([pub, control]) => ({
    public: pub,
    control,
  }));
  return contracts;
}

/** Sends exactly this path (no URL normalisation of `..` or `%2F`), over node:http. */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  payload?: string | Buffer,
): Promise<Exchange> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text });
      });
    });
    request.on('error', reject);
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}

export async function checkAgainstSpec(method: string, path: string, answer: Exchange): Promise<void> {
  const { public: pub, control } = await specContracts();
  const where = `${method} ${path} -> ${answer.status} ${answer.text.slice(0, 500)}`;
  const requestId = answer.headers['speechify-request-id'];
  expect(requestId, `Speechify-Request-Id on ${where}`).toMatch(/^req_[0-9A-HJKMNP-TV-Z]{26}$/);
  if (answer.status === 204) {
    expect(answer.text, where).toBe('');
    return;
  }
  expect(answer.headers['content-type'], where).toMatch(/^application\/json/);
  expect(answer.body, `JSON body on ${where}`).toBeDefined();
  const pathname = path.split('?')[0]!;
  const contract = pathname.startsWith('/_control') ? control : pub;
  const found = contract.match(method, pathname);
  if (found) {
    const verdict = contract.validateResponse(found.operation.operationId, answer.status, answer.body);
    expect(
      verdict.ok ? [] : verdict.problems,
      `spec (${found.operation.operationId} ${answer.status}) on ${where}`,
    ).toEqual([]);
    expect(verdict.documented, where).not.toBe(false);
  } else {
    const errorSchema = pub.schema('Error');
    expect(errorSchema(answer.body), `Error envelope on ${where}`).toBe(true);
  }
  if (answer.status >= 400) {
    expect(answer.body.request_id, `request_id repeats the header on ${where}`).toBe(requestId);
    expect(answer.text, where).not.toMatch(/at .+\.(ts|js):\d+/); // never a stack trace
  }
  if (answer.status === 401) expect(answer.headers['www-authenticate'], where).toBe('Bearer');
  if (answer.status === 405) expect(answer.headers.allow, where).toBeTruthy();
}

export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const server = await startServer({ control: true, clock: 'manual', ...options });
  let checked = 0;
  const call = async (method: string, path: string, o: CallOptions = {}): Promise<Exchange> => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    const key = o.key === undefined ? ALPHA : o.key;
    if (o.authorization !== undefined) headers.authorization = o.authorization;
    else if (key !== null) headers.authorization = `Bearer ${key}`;
    let payload: string | Buffer | undefined;
    if (o.raw !== undefined) payload = o.raw;
    else if (o.body !== undefined) payload = JSON.stringify(o.body);
    if (payload !== undefined) {
      headers['content-type'] ??= o.contentType ?? 'application/json';
      headers['content-length'] ??= String(Buffer.byteLength(payload));
    }
    const answer = await send(server.url, method, path, headers, payload);
    if (o.validate !== false) {
      await checkAgainstSpec(method, path, answer);
      checked += 1;
    }
    return answer;
  };
  return {
    server,
    url: server.url,
    call,
    get: (path, o) => call('GET', path, o),
    post: (path, body, o) => call('POST', path, { ...o, ...(body !== undefined ? { body } : {}) }),
    get checked() {
      return checked;
    },
    close: () => server.close(),
  };
}

export type TestServerOptions = ServerOptions & {
  /** Whether afterAll asserts that some answers were checked against the spec (default true); off
   *  for files that read their answers another way (raw HTTP, `validate: false`). */
  expectChecked?: boolean;
};

/**
 * The set-up of a file (or describe) that talks to one reference server: starts it in beforeAll
 * (control on, manual clock, unless `options` say otherwise), and in afterAll asserts that answers
 * were checked against the spec, then closes it. The handle is usable once beforeAll has run: in
 * tests and in hooks registered after this call.
 */
export function useTestServer(options: TestServerOptions = {}): TestServer {
  const { expectChecked = true, ...serverOptions } = options;
  let started: TestServer | undefined;
  const current = (): TestServer => {
    if (!started)
      throw new Error('useTestServer: the server starts in beforeAll; use the handle in a test or a later hook');
    return started;
  };
  beforeAll(async () => {
    started = await startTestServer(serverOptions);
  });
  afterAll(async () => {
    if (!started) return;
    try {
      if (expectChecked) expect(started.checked).toBeGreaterThan(0);
    } finally {
      await started.close();
    }
  });
  return {
    get server() {
      return current().server;
    },
    get url() {
      return current().url;
    },
    get checked() {
      return current().checked;
    },
    call: (method, path, o) => current().call(method, path, o),
    get: (path, o) => current().get(path, o),
    post: (path, body, o) => current().post(path, body, o),
    close: () => current().close(),
  };
}

/** Makes a suite with exactly these children through the control interface. */
export async function makeSuite(
  api: TestServer,
  children: unknown[],
  extra: Record<string, unknown> = {},
  key = ALPHA,
) {
  const answer = await api.post('/_control/suite-runs', { children, ...extra }, { key });
  expect(answer.status, answer.text).toBe(201);
  return answer.body;
}

export const SUITES = '/v1/agents/tests/suite-runs';
export const RUNS = '/v1/agents/tests/runs';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** Every derived-state rule of CONTRACT.md, checked on one suite representation with its runs. */
export function expectDerivedConsistent(suite: any): void {
  const runs: any[] = suite.runs;
  const count = (status: string) => runs.filter((r) => r.status === status).length;
  const where = `suite ${suite.id}`;
  expect(suite.total, where).toBe(runs.length);
  for (const status of ['pending', 'running', 'completed', 'failed', 'cancelled'])
    expect(suite[status], `${where} ${status}`).toBe(count(status));
  const completed = runs.filter((r) => r.status === 'completed');
  expect(suite.results, where).toEqual({
    passed: completed.filter((r) => r.verdict === 'passed').length,
    failed: completed.filter((r) => r.verdict === 'failed').length,
  });
  const unfinished = count('pending') + count('running') > 0;
  const status = unfinished ? 'running' : count('cancelled') ? 'cancelled' : count('failed') ? 'failed' : 'completed';
  expect(suite.status, where).toBe(status);
  expect(suite.verdict, where).toBe(
    status === 'completed' ? (completed.every((r) => r.verdict === 'passed') ? 'passed' : 'failed') : null,
  );
  const latest = unfinished ? null : new Date(Math.max(...runs.map((r) => Date.parse(r.ended_at)))).toISOString();
  expect(suite.ended_at, where).toBe(latest);
  for (const run of runs) {
    const at = `${where} child ${run.id} (${run.status})`;
    expect(run.verdict !== null, at).toBe(run.status === 'completed');
    expect(run.result !== null, at).toBe(run.status === 'completed');
    expect(run.ended_at !== null, at).toBe(TERMINAL.has(run.status));
    expect('error' in run, at).toBe(run.status === 'failed');
    if (run.status === 'running' || run.status === 'completed') expect(run.started_at, at).not.toBeNull();
    if (run.status === 'pending') expect(run.started_at, at).toBeNull();
    expect(typeof run.test_name, at).toBe('string');
    expect(typeof run.agent_name, at).toBe('string');
  }
  if (suite.agent_id === null) expect(suite.agent_name, where).toBeNull();
}

/** One child of every status, in a fixed order: the mix most cancel tests start from. */
export const EVERY_STATUS = [
  { status: 'pending' },
  { status: 'running' },
  { status: 'completed', verdict: 'passed' },
  { status: 'completed', verdict: 'failed' },
  { status: 'failed', error: 'Upstream timeout' },
  { status: 'cancelled' },
];
