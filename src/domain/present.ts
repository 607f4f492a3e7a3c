// Stored state -> the exact wire objects. Every nullable field is written out (null when
// unset); `error` appears only on failed runs, as the spec says. Derived fields come in as
// an argument so that the caller decides how they were derived (normally deriveSuite).
import type {
  AgentTestRun,
  AgentTestSuiteRun,
  AgentTestSuiteRunWithRuns,
  DerivedSuite,
  SuiteChildRun,
  SuiteRun,
  SuiteRunMeta,
  TestRun,
} from './types.ts';

/** Names are looked up when a representation is made, never stored on runs or suites. */
export interface NameLookup {
  testName(testId: string): string;
  agentName(agentId: string): string;
}

const FAILED_WITHOUT_ERROR = 'The run failed.';

export function presentTestRun(run: TestRun): AgentTestRun {
  const wire: AgentTestRun = {
    id: run.id,
    test_id: run.test_id,
    agent_id: run.agent_id,
    status: run.status,
    verdict: run.verdict,
    started_at: run.started_at,
    ended_at: run.ended_at,
    result: run.result,
    created_at: run.created_at,
  };
  if (run.status === 'failed') wire.error = run.error ?? FAILED_WITHOUT_ERROR;
  return wire;
}

/**
 * A test run with its names, written out field by field (in the order of presentTestRun, then
 * the names): spreading one wire object into another cost ~1 us per child, most of the cancel
 * of a 5,000-child suite.
 */
function presentSuiteChild(run: TestRun, names: NameLookup): SuiteChildRun {
  const test_name = names.testName(run.test_id);
  const agent_name = names.agentName(run.agent_id);
  const { id, test_id, agent_id, status, verdict, started_at, ended_at, result, created_at } = run;
  if (status === 'failed') {
    const error = run.error ?? FAILED_WITHOUT_ERROR;
    return {
      id,
      test_id,
      agent_id,
      status,
      verdict,
      started_at,
      ended_at,
      result,
      created_at,
      error,
      test_name,
      agent_name,
    };
  }
  return { id, test_id, agent_id, status, verdict, started_at, ended_at, result, created_at, test_name, agent_name };
}

/**
 * The suite without its children (list items, creation answers). `agentName` is null when
 * the suite has no agent, and on the suite embedded in a creation answer.
 */
export function presentSuite(suite: SuiteRunMeta, derived: DerivedSuite, agentName: string | null): AgentTestSuiteRun {
  return {
    id: suite.id,
    agent_id: suite.agent_id,
    agent_name: suite.agent_id === null ? null : agentName,
    trigger: suite.trigger,
    parent_suite_run_id: suite.parent_suite_run_id,
    status: derived.status,
    verdict: derived.verdict,
    total: derived.total,
    completed: derived.completed,
    failed: derived.failed,
    running: derived.running,
    pending: derived.pending,
    cancelled: derived.cancelled,
    results: { passed: derived.results.passed, failed: derived.results.failed },
    created_at: suite.created_at,
    ended_at: derived.ended_at,
    config_override: suite.config_override,
    flow_version_id: suite.flow_version_id,
    flow_version_number: suite.flow_version_number,
  };
}

/**
 * A suite with its children. `creation`: the resubmit answer, a creation response, whose
 * `agent_name` is null (the provider: null "on the suite run embedded in run/resubmit creation
 * responses"); reads (GET, cancel) resolve it. The children keep their names either way.
 */
export function presentSuiteWithRuns(
  suite: SuiteRun,
  derived: DerivedSuite,
  names: NameLookup,
  creation = false,
): AgentTestSuiteRunWithRuns {
  const agentName = suite.agent_id === null || creation ? null : names.agentName(suite.agent_id);
  return { ...presentSuite(suite, derived, agentName), runs: suite.runs.map((run) => presentSuiteChild(run, names)) };
}
