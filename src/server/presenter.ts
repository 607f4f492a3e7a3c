// Turns stored suites and runs into wire objects, with names resolved now. The derived fields
// come from one `derive` function (the `derive` seam: the domain's deriveSuite, or one in front of it).
import { presentSuite, presentSuiteWithRuns, presentTestRun } from '../domain/present.ts';
import type {
  AgentTestRun,
  AgentTestSuiteRun,
  AgentTestSuiteRunWithRuns,
  DerivedSuite,
  SuiteRun,
  TestRun,
} from '../domain/types.ts';
import type { Store } from '../store/store.ts';
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

/** A suite's derived fields from its children. */
export type Derive = (runs: readonly TestRun[]) => DerivedSuite;

/**
 * `derive`: the derived fields (the `derive` seam); `cacheBytes`: the budget of the
 * representation cache (0 turns it off, as the scale bench does).
 */
export function createPresenter(store: Store, options: { derive: Derive; cacheBytes?: number }): Presenter {
  const derive = (suite: SuiteRun) => options.derive(suite.runs);
  const suiteWithRuns = (suite: SuiteRun) => presentSuiteWithRuns(suite, derive(suite), store.names);
  const cache = createRepresentationCache(options.cacheBytes);
  return {
    suiteWithRuns,
    suiteWithRunsCreated: (suite) => presentSuiteWithRuns(suite, derive(suite), store.names, true),
    suiteWithRunsJson: (suite) => cache.get(suite, () => JSON.stringify(suiteWithRuns(suite))),
    suiteItem: (suite) =>
      presentSuite(suite, derive(suite), suite.agent_id === null ? null : store.names.agentName(suite.agent_id)),
    suiteEmbedded: (suite) => presentSuite(suite, derive(suite), null),
    testRun: presentTestRun,
  };
}
