// The store's own guarantees that the server's representation cache and the scale figures rely on.
import { describe, expect, it } from 'vitest';
import type { TestRun } from '../domain/types.ts';
import { createIdMinter } from '../ids/index.ts';
import { loadFixtures } from './fixtures.ts';
import { createStore, type NewRun } from './store.ts';

const fixtures = loadFixtures();
const WS = 'alpha';

function newStore(start = Date.UTC(2030, 0, 1)) {
  let t = start;
  const store = createStore({ fixtures, now: () => t, minter: createIdMinter() });
  return { store, tick: (ms = 1000) => (t += ms) };
}

const test = fixtures.workspaces.find((w) => w.id === WS)!.tests[0]!;
const child = (status: TestRun['status']): NewRun => ({
  test_id: test.id,
  agent_id: test.agent_id,
  status,
  verdict: null,
  started_at: status === 'pending' ? null : '2026-11-02T08:59:00.000Z',
  ended_at: status === 'cancelled' || status === 'failed' ? '2026-11-02T08:59:30.000Z' : null,
  result: null,
  ...(status === 'failed' ? { error: 'boom' } : {}),
});
const meta = {
  agent_id: test.agent_id,
  trigger: 'run_all' as const,
  parent_suite_run_id: null,
  config_override: null,
  flow_version_id: null,
  flow_version_number: null,
};

describe('store: suites are immutable values', () => {
  it('a change stores a new suite object; the one read before is left exactly as it was', () => {
    const { store, tick } = newStore();
    const made = store.createSuite(WS, meta, [child('pending'), child('running'), child('failed')]);
    const before = store.suite(WS, made.id)!;
    const snapshot = structuredClone(before);
    expect(store.suite(WS, made.id)).toBe(before); // a read is the stored object, no copy
    tick();
    const after = store.cancelSuite(WS, made.id);
    expect(after).not.toBe(before);
    expect(before).toEqual(snapshot);
    expect(store.suite(WS, made.id)).toBe(after);
    expect(after.runs.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'failed']);
    expect(after.runs[2]).toBe(before.runs[2]); // an untouched child is the very same object
  });

  it('a cancel of a terminal suite stores nothing new', () => {
    const { store } = newStore();
    const made = store.createSuite(WS, meta, [child('failed'), child('cancelled')]);
    expect(store.cancelSuite(WS, made.id)).toBe(store.suite(WS, made.id));
    expect(store.suite(WS, made.id)).toBe(made);
  });

  it('a child changed on its own (cancel, advance) is seen by id and through its suite', () => {
    const { store, tick } = newStore();
    const made = store.createSuite(WS, meta, [child('pending'), child('pending')]);
    const [first, second] = made.runs;
    tick();
    store.cancelRun(WS, first!.id);
    const advanced = store.advanceRun(WS, second!.id, { to: 'running' });
    expect('ok' in advanced).toBe(true);
    expect(store.run(WS, first!.id)!.status).toBe('cancelled');
    expect(store.suite(WS, made.id)!.runs.map((r) => r.status)).toEqual(['cancelled', 'running']);
    expect(store.suite(WS, made.id)!.runs[1]).toBe(store.run(WS, second!.id));
    expect(made.runs.map((r) => r.status)).toEqual(['pending', 'pending']);
  });

  it('a run outside any suite is found, listed and replaced on its own', () => {
    const { store, tick } = newStore();
    const run = store.createRun(WS, child('pending'));
    tick();
    const cancelled = store.cancelRun(WS, run.id);
    expect(store.run(WS, run.id)).toBe(cancelled);
    expect(store.listRuns(WS, test.id, { limit: 1 }).items).toEqual([cancelled]);
  });

  it('a suite made at a given instant has that created_at, and ids of that time', () => {
    const { store } = newStore();
    const at = Date.UTC(2029, 11, 31, 8, 30);
    const made = store.createSuite(WS, meta, [child('running')], at);
    expect(made.created_at).toBe(new Date(at).toISOString());
    expect(made.runs[0]!.created_at).toBe(made.created_at);
  });

  it('a stored run has exactly the fields of a test run (error only when given)', () => {
    const { store } = newStore();
    const made = store.createSuite(WS, meta, [child('failed'), child('pending')]);
    const fields = ['id', 'test_id', 'agent_id', 'status', 'verdict', 'started_at', 'ended_at', 'result', 'created_at'];
    expect(Object.keys(made.runs[0]!).sort()).toEqual([...fields, 'error'].sort());
    expect(Object.keys(made.runs[1]!).sort()).toEqual([...fields].sort());
  });
});
