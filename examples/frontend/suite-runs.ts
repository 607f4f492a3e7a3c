// A frontend's view of suite runs, written as an app would: list the recent ones, watch one
// until it ends, cancel it. Everything is typed from the spec through the package's client,
// so a call that drifts from the contract fails to compile (the tests run tsc on this file).
import { createSuiteRunClient, type SuiteRun, type SuiteRunSummary, type SuiteRunClient } from 'suiterun-kit';

export type { SuiteRunClient };
export const connect = (baseUrl: string, apiKey: string): SuiteRunClient =>
  createSuiteRunClient({ baseUrl, apiKey, version: '2026-11-01' });

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
export const isTerminal = (suite: { status: string }): boolean => TERMINAL.has(suite.status);

/** An HTTP error as the app shows it: the envelope's code and message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
  }
}

function fail(response: Response, error: { error: { code: string; message: string } } | undefined): never {
  throw new ApiFailure(response.status, error?.error.code ?? 'unknown', error?.error.message ?? response.statusText);
}

/** The newest suite runs, optionally of one agent, following cursors up to `max` items. */
export async function listRecentSuiteRuns(
  client: SuiteRunClient,
  options: { agentId?: string; max?: number } = {},
): Promise<SuiteRunSummary[]> {
  const max = options.max ?? 20;
  const found: SuiteRunSummary[] = [];
  let cursor: string | undefined;
  do {
    const { data, error, response } = await client.GET('/v1/agents/tests/suite-runs', {
      params: {
        query: {
          limit: Math.min(max - found.length, 200),
          ...(cursor ? { cursor } : {}),
          ...(options.agentId ? { agent_id: options.agentId } : {}),
        },
      },
    });
    if (!data) fail(response, error);
    found.push(...data.suite_runs);
    cursor = data.has_more && data.next_cursor ? data.next_cursor : undefined;
  } while (cursor && found.length < max);
  return found;
}

/** Polls a suite run until it is terminal, reporting each new state, and returns the last one. */
export async function pollUntilTerminal(
  client: SuiteRunClient,
  suiteRunId: string,
  options: { intervalMs?: number; maxPolls?: number; onUpdate?: (suite: SuiteRun) => void } = {},
): Promise<SuiteRun> {
  const maxPolls = options.maxPolls ?? 600;
  for (let poll = 0; poll < maxPolls; poll++) {
    const { data, error, response } = await client.GET('/v1/agents/tests/suite-runs/{suite_run_id}', {
      params: { path: { suite_run_id: suiteRunId } },
    });
    if (!data) fail(response, error);
    options.onUpdate?.(data);
    if (isTerminal(data)) return data;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
  }
  throw new Error(`suite run ${suiteRunId} did not end within ${maxPolls} polls`);
}

/** Cancels a suite run; safe to call twice (a terminal suite comes back unchanged). */
export async function cancelSuiteRun(client: SuiteRunClient, suiteRunId: string): Promise<SuiteRun> {
  const { data, error, response } = await client.POST('/v1/agents/tests/suite-runs/{suite_run_id}/cancel', {
    params: { path: { suite_run_id: suiteRunId } },
  });
  if (!data) fail(response, error);
  return data;
}

/** Starts every test of an agent and returns the new suite's id (undefined when it has no tests). */
export async function runAllTests(
  client: SuiteRunClient,
  agentId: string,
  idempotencyKey: string,
): Promise<string | undefined> {
  const { data, error, response } = await client.POST('/v1/agents/{agent_id}/tests/runs', {
    params: { path: { agent_id: agentId }, header: { 'Idempotency-Key': idempotencyKey } },
    body: {},
  });
  if (!data) fail(response, error);
  return data.suite_run?.id;
}

/** One line per state, as a progress bar would render it. */
export function describeProgress(suite: SuiteRun): string {
  const done = suite.completed + suite.failed + suite.cancelled;
  return `${suite.id} ${suite.status}${suite.verdict ? ` (${suite.verdict})` : ''}: ${done}/${suite.total} done, ${suite.results.passed} passed, ${suite.results.failed} failed verdicts`;
}
