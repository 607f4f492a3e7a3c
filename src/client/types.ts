// Names for the generated types, so that callers write `SuiteRun` instead of
// `components['schemas']['AgentTestSuiteRunWithRuns']`. Every alias is the generated type
// itself: when the spec changes, these change with it.
import type { components, operations } from '../generated/openapi.ts';

export type Schemas = components['schemas'];

/** A suite run with its child runs (GET, cancel and resubmit answers). */
export type SuiteRun = Schemas['AgentTestSuiteRunWithRuns'];
/** A suite run without its children (list items and the suite embedded in creation answers). */
export type SuiteRunSummary = Schemas['AgentTestSuiteRun'];
/** A child run inside a suite run, with its test and agent names. */
export type SuiteChildRun = Schemas['SuiteChildRun'];
/** One test run, alone or in a suite. */
export type TestRun = Schemas['AgentTestRun'];
export type TestRunResult = Schemas['TestRunResult'];
export type JobStatus = Schemas['JobStatus'];
export type TestVerdict = Schemas['TestVerdict'];
export type SuiteRunTrigger = Schemas['SuiteRunTrigger'];
export type SuiteRunResults = Schemas['AgentTestSuiteRunWithRunsResults'];
/** What Run All and batch answer: the queued runs and the suite grouping them (null when nothing was queued). */
export type RunTestsResponse = Schemas['RunAgentTestsResponse'];
export type SuiteRunPage = Schemas['ListSuiteRunsResponse'];
export type TestRunPage = Schemas['ListAgentTestRunsResponse'];
export type RunAllTestsRequest = Schemas['RunAllTestsRequest'];
export type RunBatchRequest = Schemas['RunBatchRequest'];
export type BatchRunEntry = Schemas['BatchRunEntry'];
export type RunTestRequest = Schemas['RunTestRequest'];
export type TestRunConfigOverride = Schemas['TestRunConfigOverride'];
/** The envelope of every non-2xx answer. */
export type ApiError = Schemas['Error'];
export type ErrorCode = Schemas['ErrorCode'];
/** The ten public operations by their spec operationId. */
export type OperationId = keyof operations;
