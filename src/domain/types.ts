// The domain's vocabulary, taken from the generated wire types so that a spec change shows up
// here as a compile error. Stored records differ from the wire in two ways only: nullable
// fields are always present (null when unset), and names (test_name, agent_name) are not
// stored at all, because the contract says they are read at read time.
import type { components } from '../generated/openapi.ts';

type Schemas = components['schemas'];

export type JobStatus = Schemas['JobStatus'];
export type TestVerdict = Schemas['TestVerdict'];
export type TestType = Schemas['TestType'];
export type TestRunResult = Schemas['TestRunResult'];

/** Makes the listed optional wire fields required, keeping their (nullable) types. */
type Present<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> };

/** A test run as stored; `error` stays optional because the wire has it only on failed runs. */
export type TestRun = Present<Schemas['AgentTestRun'], 'verdict' | 'started_at' | 'ended_at' | 'result'>;

/** What a suite run stores besides its children; everything else is derived from them. */
export type SuiteRunMeta = Present<
  Pick<
    Schemas['AgentTestSuiteRunWithRuns'],
    | 'id'
    | 'agent_id'
    | 'trigger'
    | 'parent_suite_run_id'
    | 'created_at'
    | 'config_override'
    | 'flow_version_id'
    | 'flow_version_number'
  >,
  'agent_id' | 'parent_suite_run_id' | 'config_override' | 'flow_version_id' | 'flow_version_number'
>;

/** A suite run with its children in creation order. */
export interface SuiteRun extends SuiteRunMeta {
  runs: readonly TestRun[];
}

/** The fields of a suite run that are computed from its children (CONTRACT: derived suite state). */
export type DerivedSuite = Present<
  Pick<
    Schemas['AgentTestSuiteRunWithRuns'],
    | 'status'
    | 'verdict'
    | 'total'
    | 'completed'
    | 'failed'
    | 'running'
    | 'pending'
    | 'cancelled'
    | 'results'
    | 'ended_at'
  >,
  'verdict' | 'ended_at'
>;

interface FlowVersion {
  id: string;
  number: number;
}

export interface Agent {
  id: string;
  name: string;
  flow_versions: FlowVersion[];
}

export interface AgentTest {
  id: string;
  agent_id: string;
  name: string;
  type: TestType;
}

export type AgentTestSuiteRun = Schemas['AgentTestSuiteRun'];
export type AgentTestSuiteRunWithRuns = Schemas['AgentTestSuiteRunWithRuns'];
export type SuiteChildRun = Schemas['SuiteChildRun'];
export type AgentTestRun = Schemas['AgentTestRun'];

const TERMINAL: ReadonlySet<JobStatus> = new Set<JobStatus>(['completed', 'failed', 'cancelled']);

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL.has(status);
}
