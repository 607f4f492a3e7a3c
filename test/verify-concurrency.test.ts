// verify --concurrency: the same seed gives the same results, failures, repros, progress and
// JUnit at one check at a time and at eight; a replay line printed at eight reproduces at one;
// a target that never answers ends in a timeout failure; --rate spaces requests.
import http from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runVerify, type ProgressEvent, type VerifyOptions, type VerifyReport } from '../conformance/index.ts';
import { createPacer } from '../conformance/http/exchange.ts';
import { renderJunit } from '../conformance/reporters/index.ts';
import { createManualClock } from '../src/server/clock.ts';
import { startServer, type FaultName } from '../src/server/index.ts';

const FAULTS: FaultName[] = [
  'ended-at-earliest',
  'lowercase-ids',
  'idempotency-key-ignored',
  'tenancy-403',
  'cancel-answers-stale',
];

/**
 * Ids and the run's nonce differ from run to run by design; each distinct one becomes a
 * placeholder numbered by first appearance within its kind, so two texts compare by their structure.
 */
function normalize(text: string): string {
  const mark = (kind: string) => {
    const seen = new Map<string, string>();
    return (value: string) => {
      if (!seen.has(value)) seen.set(value, `<${kind}${seen.size}>`);
      return seen.get(value)!;
    };
  };
  return text
    .replace(/\b(srun|run|test|agent|req)_[0-9A-Za-z]{10,}\b/g, mark('id'))
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, mark('at'))
    .replace(/\b[0-9a-f]{12}\b/g, mark('nonce'))
    .replace(/\b(time|ms|durationMs)(="|":\s*)[0-9.]+"?/g, '$1$2#')
    .replace(/cursor=[A-Za-z0-9_-]+/g, mark('cursor'))
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
}

function failures(report: VerifyReport) {
  return report.results
    .filter((r) => r.failure)
    .map(({ id, failure }) =>
      normalize(
        JSON.stringify({
          id,
          message: failure!.message,
          repro: failure!.repro,
          scenario: failure!.scenario,
          seed: failure!.seed,
          path: failure!.path,
          replay: failure!.replay,
          operation: failure!.operation,
        }),
      ),
    );
}

/**
 * The server's time stands still: whether two answers made a few ms apart share a created_at would
 * otherwise depend on the millisecond they fell in, not on the concurrency.
 */
async function runAgainstFaulty(options: Partial<VerifyOptions>) {
  const server = await startServer({
    control: true,
    clock: 'manual',
    timeSource: createManualClock(Date.parse('2026-12-01T12:00:00.000Z')),
    faults: FAULTS,
  });
  const events: ProgressEvent[] = [];
  try {
    const report = await runVerify({
      target: server.url,
      seed: 20261201,
      runs: 15,
      onProgress: (e) => events.push(e),
      ...options,
    });
    return { report, events };
  } finally {
    await server.close();
  }
}

const eventLine = (e: ProgressEvent) =>
  e.type === 'check-end'
    ? `end ${e.result.id} ${e.result.status} ${e.result.requests}`
    : e.type === 'check-start'
      ? `start ${e.id}`
      : `plan ${e.checks}`;

describe('verify --concurrency against a faulty server', () => {
  it('the same seed gives the same results, failures, repros, progress and JUnit at 1 and at 8', async () => {
    const one = await runAgainstFaulty({ concurrency: 1 });
    const eight = await runAgainstFaulty({ concurrency: 8 });
    expect(one.report.outcome).toBe('failed');
    expect(failures(one.report).length).toBeGreaterThanOrEqual(4);
    expect(eight.report.results.map((r) => [r.id, r.status, r.requests])).toEqual(
      one.report.results.map((r) => [r.id, r.status, r.requests]),
    );
    expect(failures(eight.report)).toEqual(failures(one.report));
    expect(eight.report.requests).toBe(one.report.requests);
    expect(eight.report.seed).toBe(one.report.seed);
    expect(eight.report.notes).toEqual(one.report.notes);
    expect(eight.events.map(eventLine)).toEqual(one.events.map(eventLine));
    expect(normalize(renderJunit(eight.report))).toEqual(normalize(renderJunit(one.report)));
  });

  it('a replay line printed at concurrency 8 reproduces the failure at concurrency 1', async () => {
    const { report } = await runAgainstFaulty({ concurrency: 8 });
    const property = report.results.find((r) => r.failure?.replay && r.failure.path);
    expect(property, 'a property check failed with a replay line').toBeDefined();
    const replay = property!.failure!.replay!;
    const only = /--only (\S+)/.exec(replay)![1]!;
    const seed = Number(/--seed (\d+)/.exec(replay)![1]);
    const path = /--path '([^']*)'/.exec(replay)![1]!;
    expect(seed).toBe(report.seed);
    const again = await runAgainstFaulty({ concurrency: 1, only: [only], seed, path });
    const failed = again.report.results.find((r) => r.id === only)!;
    expect(failed.status).toBe('failed');
    expect(normalize(failed.failure!.message)).toBe(normalize(property!.failure!.message));
    expect(failed.failure!.path).toBe(path);
  });
});

describe('verify --timeout', () => {
  let closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers) await close();
    closers = [];
  });

  it('a target that never answers one route ends in a timeout failure of the check that asked, not a hang', async () => {
    const reference = await startServer({ control: true, clock: 'manual' });
    closers.push(() => reference.close());
    const upstream = new URL(reference.url);
    const held: http.ServerResponse[] = [];
    // Forwards everything to the reference server, except a read of one test run: never answered.
    const hanging = http.createServer((req, res) => {
      if (req.method === 'GET' && /^\/v1\/agents\/tests\/runs\/[^/]+$/.test(req.url ?? '')) {
        held.push(res);
        return;
      }
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    closers.unshift(
      () =>
        new Promise<void>((resolve) => {
          for (const res of held) res.destroy();
          hanging.closeAllConnections();
          hanging.close(() => resolve());
        }),
    );
    const { port } = hanging.address() as { port: number };
    const report = await runVerify({
      target: `http://127.0.0.1:${port}`,
      only: ['lifecycle-run-test-answer'],
      seed: 1,
      timeoutMs: 300,
    });
    expect(report.outcome).toBe('failed');
    const check = report.results.find((r) => r.id === 'lifecycle-run-test-answer')!;
    expect(check.status).toBe('failed');
    expect(check.failure!.message).toMatch(
      /no answer within 300 ms: GET http:\/\/127\.0\.0\.1:\d+\/v1\/agents\/tests\/runs\//,
    );
    expect(held.length).toBe(1);
  });

  it('refuses a rate or a concurrency that is not a positive number, with one line', async () => {
    const rate = await runVerify({ target: 'http://127.0.0.1:9', rate: 0 });
    expect(rate.outcome).toBe('could-not-run');
    expect(rate.reason).toBe('--rate must be a positive number of requests per second, got 0');
    const concurrency = await runVerify({ target: 'http://127.0.0.1:9', concurrency: 0 });
    expect(concurrency.reason).toBe('--concurrency must be a positive integer, got 0');
  });
});

describe('--rate pacer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts requests 1/rate seconds apart across all callers, in call order', async () => {
    vi.useFakeTimers();
    let now = 0;
    const pace = createPacer(10, () => now);
    const started: number[] = [];
    const calls = [0, 1, 2].map((i) => pace().then(() => started.push(i)));
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0]);
    now = 99;
    await vi.advanceTimersByTimeAsync(99);
    expect(started).toEqual([0]);
    now = 100;
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 1]);
    now = 200;
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(calls);
    expect(started).toEqual([0, 1, 2]);
  });

  it('without a rate, never waits', async () => {
    vi.useFakeTimers();
    const pace = createPacer(undefined);
    let done = false;
    void pace().then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(done).toBe(true);
  });
});
