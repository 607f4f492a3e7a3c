// Turns stored suites and runs into wire objects, with names resolved now. The derivation
// faults live here because this is where derived fields meet the wire.
import { deriveSuite } from '../domain/derive.ts';
import { presentSuite, presentSuiteWithRuns, presentTestRun } from '../domain/present.ts';
import type { AgentTestRun, AgentTestSuiteRun, AgentTestSuiteRunWithRuns, DerivedSuite, SuiteRun, TestRun } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { FaultSet } from './faults.ts';
import { createRepresentationCache } from './representation-cache.ts';

export interface Presenter {
  suiteWithRuns(suite: SuiteRun): AgentTestSuiteRunWithRuns;
  /** The resubmit answer: the suite with its children, agent_name null (a creation response). */
  suiteWithRunsCreated(suite: SuiteRun): AgentTestSuiteRunWithRuns;
  /** The same as JSON (UTF-8 bytes): made once per stored version of the suite (GET and cancel answer it). */
  suiteWithRunsJson(suite: SuiteRun): Uint8Array;
  /** A list item: no children, agent_name resolved. */
  suiteItem(suite: SuiteRun): AgentTestSuiteRun;
  /** The suite embedded in a Run All or batch answer: agent_name null, as the contract says. */
  suiteEmbedded(suite: SuiteRun): AgentTestSuiteRun;
  testRun(run: TestRun): AgentTestRun;
}

export function deriveWithFaults(runs: readonly TestRun[], faults: FaultSet): DerivedSuite {
  const d = deriveSuite(runs);
  if (faults.has('status-ignores-cancelled') && d.status === 'cancelled') {
    d.status = d.failed > 0 ? 'failed' : 'completed';
    d.verdict = d.status === 'completed' ? (d.results.failed > 0 ? 'failed' : 'passed') : null;
  }
  if (faults.has('results-count-failed-runs')) d.results = { passed: d.results.passed, failed: d.failed };
  if (faults.has('verdict-on-unfinished') && d.status !== 'completed') d.verdict = d.results.failed > 0 ? 'failed' : 'passed';
  if (faults.has('ended-at-earliest') && d.ended_at !== null) {
    d.ended_at = runs.map((r) => r.ended_at!).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
  }
  return d;
}

/** `cacheBytes`: the budget of the representation cache (0 turns it off, as the scale bench does). */
export function createPresenter(store: Store, faults: FaultSet, options: { cacheBytes?: number } = {}): Presenter {
  const derive = (suite: SuiteRun) => (faults.size ? deriveWithFaults(suite.runs, faults) : deriveSuite(suite.runs));
  const suiteWithRuns = (suite: SuiteRun) => presentSuiteWithRuns(suite, derive(suite), store.names);
  const cache = createRepresentationCache(options.cacheBytes);
  return {
    suiteWithRuns,
    suiteWithRunsCreated: (suite) => presentSuiteWithRuns(suite, derive(suite), store.names, true),
    suiteWithRunsJson: (suite) => cache.get(suite, () => JSON.stringify(suiteWithRuns(suite))),
    suiteItem: (suite) => presentSuite(suite, derive(suite), suite.agent_id === null ? null : store.names.agentName(suite.agent_id)),
    suiteEmbedded: (suite) => presentSuite(suite, derive(suite), null),
    testRun: presentTestRun,
  };
}
