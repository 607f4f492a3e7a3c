import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deriveSuite } from '../domain/derive.ts';
import { createIdMinter } from '../ids/index.ts';
import { loadFixtures } from '../store/fixtures.ts';
import { createStore, type Store } from '../store/store.ts';
import { createWorker } from './worker.ts';

const fixtures = loadFixtures();
const alpha = fixtures.workspaces.find((w) => w.id === 'alpha')!;
const test = alpha.tests[0]!;

function freshStore(): Store {
  return createStore({ fixtures, now: () => Date.now(), minter: createIdMinter() });
}

function queue(store: Store, count = 2) {
  const child = {
    test_id: test.id,
    agent_id: test.agent_id,
    status: 'pending' as const,
    verdict: null,
    started_at: null,
    ended_at: null,
    result: null,
  };
  return store.createSuite(
    'alpha',
    {
      agent_id: test.agent_id,
      trigger: 'run_all',
      parent_suite_run_id: null,
      config_override: null,
      flow_version_id: null,
      flow_version_number: null,
    },
    Array.from({ length: count }, () => child),
  );
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-30T12:00:00.000Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('simulated worker (--clock real)', () => {
  it('moves each run pending -> running -> completed on its timers', () => {
    const store = freshStore();
    const worker = createWorker(store, { pendingMs: 100, runningMs: 200, failRate: 0 }, () => 0.5);
    const suite = queue(store);
    worker.drive('alpha', suite.runs);
    vi.advanceTimersByTime(99);
    expect(store.suite('alpha', suite.id)!.runs.map((r) => r.status)).toEqual(['pending', 'pending']);
    vi.advanceTimersByTime(1);
    expect(store.suite('alpha', suite.id)!.runs.map((r) => r.status)).toEqual(['running', 'running']);
    vi.advanceTimersByTime(200);
    const done = store.suite('alpha', suite.id)!;
    expect(done.runs.map((r) => [r.status, r.verdict])).toEqual([
      ['completed', 'passed'],
      ['completed', 'passed'],
    ]);
    expect(done.runs[0]!.result?.duration_ms).toBe(200);
    expect(deriveSuite(done.runs)).toMatchObject({
      status: 'completed',
      verdict: 'passed',
      ended_at: '2026-11-30T12:00:00.300Z',
    });
  });

  it('the fail rate splits into failed runs and failed verdicts', () => {
    const store = freshStore();
    // Draws: two pending jitters, two running jitters, then one finishing roll per run.
    const rolls = [0.5, 0.5, 0.5, 0.5, 0.1, 0.9];
    const worker = createWorker(store, { pendingMs: 10, runningMs: 10, failRate: 1 }, () => rolls.shift() ?? 0.5);
    const suite = queue(store);
    worker.drive('alpha', suite.runs);
    vi.advanceTimersByTime(100);
    const runs = store.suite('alpha', suite.id)!.runs;
    expect(runs.map((r) => r.status).sort()).toEqual(['completed', 'failed']);
    expect(runs.find((r) => r.status === 'completed')!.verdict).toBe('failed');
  });

  it('never moves a run that was cancelled: cancel wins', () => {
    const store = freshStore();
    const worker = createWorker(store, { pendingMs: 100, runningMs: 100 }, () => 0.5);
    const suite = queue(store);
    worker.drive('alpha', suite.runs);
    vi.advanceTimersByTime(100); // both running
    store.cancelRun('alpha', suite.runs[0]!.id);
    const cancelled = store.run('alpha', suite.runs[0]!.id);
    vi.advanceTimersByTime(1_000);
    expect(store.run('alpha', suite.runs[0]!.id)).toBe(cancelled);
    expect(store.run('alpha', suite.runs[1]!.id)!.status).toBe('completed');
  });

  it('stop clears every timer, and runs stay where they are', () => {
    const store = freshStore();
    const worker = createWorker(store, { pendingMs: 100, runningMs: 100 }, () => 0.5);
    const suite = queue(store, 3);
    worker.drive('alpha', suite.runs);
    expect(worker.pendingTimers).toBe(3);
    worker.stop();
    expect(worker.pendingTimers).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(store.suite('alpha', suite.id)!.runs.every((r) => r.status === 'pending')).toBe(true);
  });

  it('a reset in between leaves the worker nothing to move', () => {
    const store = freshStore();
    const worker = createWorker(store, { pendingMs: 100, runningMs: 100 }, () => 0.5);
    const suite = queue(store);
    worker.drive('alpha', suite.runs);
    store.reset();
    expect(() => vi.advanceTimersByTime(1_000)).not.toThrow();
    expect(store.suite('alpha', suite.id)).toBeUndefined();
  });
});
