// Children for the suites the benchmarks make through the store's own createSuite. Results
// come from the domain's makeResult, one per (test type, verdict), shared by every child that
// has them: stored runs are never mutated (a change replaces the run), so sharing is safe, and
// it is what a store of 100,000 suites needs to stay lean.
//
// createSuite copies each child into a stored run, so the child lists themselves can be shared
// by many suites too (`childTemplate`). That matters for the memory figure: fresh child objects
// for each of 100,000 suites, made in a tight loop, get promoted by V8 and leave ~250 MB of holes
// in the old generation (resident memory ~900 MB instead of ~630 MB for the same live heap).
import { makeResult } from '../src/domain/results.ts';
import type { AgentTest, TestRunResult } from '../src/domain/types.ts';
import type { NewRun, NewSuite } from '../src/store/store.ts';

export type ChildMix =
  /** completed (passed, failed), failed and cancelled children: a suite that no longer moves. */
  | 'mixed-terminal'
  /** pending and running children: everything in it can be cancelled. */
  | 'unfinished'
  /** mostly terminal, a few still pending or running: the shape of a busy store. */
  | 'mixed';

const results = new Map<string, TestRunResult>();
function sharedResult(test: AgentTest, verdict: 'passed' | 'failed'): TestRunResult {
  const key = `${test.type}/${verdict}`;
  let found = results.get(key);
  if (!found) {
    found = makeResult(test.type, verdict, 1200);
    results.set(key, found);
  }
  return found;
}

const TERMINAL_CYCLE = ['passed', 'passed', 'passed', 'failed', 'passed', 'error', 'passed', 'cancelled'] as const;
const MIXED_CYCLE = [...TERMINAL_CYCLE, 'running', 'pending'] as const;
type Kind = (typeof MIXED_CYCLE)[number];

function child(test: AgentTest, kind: Kind, at: string): NewRun {
  const base = { test_id: test.id, agent_id: test.agent_id, started_at: at, ended_at: at, verdict: null, result: null };
  switch (kind) {
    case 'passed':
    case 'failed':
      return { ...base, status: 'completed', verdict: kind, result: sharedResult(test, kind) };
    case 'error':
      return { ...base, status: 'failed', error: 'The agent did not answer within 60 seconds.' };
    case 'cancelled':
      return { ...base, status: 'cancelled' };
    case 'running':
      return { ...base, status: 'running', ended_at: null };
    case 'pending':
      return { ...base, status: 'pending', started_at: null, ended_at: null };
  }
}

/** `count` children over `tests` in turn, in the given mix, all at the instant `at`. */
export function benchChildren(tests: readonly AgentTest[], count: number, at: string, mix: ChildMix): NewRun[] {
  if (tests.length === 0) throw new Error('benchChildren: no tests to run');
  return Array.from({ length: count }, (_, i) => {
    const test = tests[i % tests.length]!;
    const kind: Kind =
      mix === 'unfinished'
        ? i % 2
          ? 'running'
          : 'pending'
        : mix === 'mixed'
          ? MIXED_CYCLE[i % MIXED_CYCLE.length]!
          : TERMINAL_CYCLE[i % TERMINAL_CYCLE.length]!;
    return child(test, kind, at);
  });
}

const templates = new Map<string, NewRun[]>();
/** The same as benchChildren, made once per (tests, count, mix) and shared: at the instant of the first call. */
export function childTemplate(
  tests: readonly AgentTest[],
  count: number,
  at: string,
  mix: ChildMix,
): readonly NewRun[] {
  const key = `${tests.map((t) => t.id).join(',')}/${count}/${mix}`;
  let found = templates.get(key);
  if (!found) {
    found = benchChildren(tests, count, at, mix);
    templates.set(key, found);
  }
  return found;
}

/** A Run All suite of `agentId`, as the benchmarks make them (no parent, override or flow version). */
export function runAllMeta(agentId: string): NewSuite {
  return {
    agent_id: agentId,
    trigger: 'run_all',
    parent_suite_run_id: null,
    config_override: null,
    flow_version_id: null,
    flow_version_number: null,
  };
}
