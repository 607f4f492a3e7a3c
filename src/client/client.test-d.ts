// Type-level tests of the client: compiled by `npx tsc --noEmit -p .` and, inside `npm test`, by
// client.test.ts (which runs tsc on this file). Nothing here runs. Each `@ts-expect-error` must
// meet an error: if the types stopped catching the mistake, the directive itself fails to compile.
import { expectTypeOf } from 'vitest';
import { createSuiteRunClient, type ApiError, type SuiteRun, type SuiteRunSummary, type TestRun } from '../index.ts';

declare const client: ReturnType<typeof createSuiteRunClient>;
const SUITE = { params: { path: { suite_run_id: 'srun_01M6DV7580JHH3VXH3J1Z0NDTA' } } };

export async function wellTyped(): Promise<void> {
  const got = await client.GET('/v1/agents/tests/suite-runs/{suite_run_id}', SUITE);
  if (got.data) {
    expectTypeOf(got.data).toEqualTypeOf<SuiteRun>();
    expectTypeOf(got.data.status).toEqualTypeOf<'pending' | 'running' | 'completed' | 'failed' | 'cancelled'>();
    expectTypeOf(got.data.verdict).toEqualTypeOf<'passed' | 'failed' | null | undefined>();
    expectTypeOf(got.data.runs[0]!.agent_name).toEqualTypeOf<string>();
  } else {
    expectTypeOf(got.error).toEqualTypeOf<ApiError>();
  }

  const cancelled = await client.POST('/v1/agents/tests/suite-runs/{suite_run_id}/cancel', SUITE);
  expectTypeOf(cancelled.data).toEqualTypeOf<SuiteRun | undefined>();

  const page = await client.GET('/v1/agents/tests/suite-runs', {
    params: { query: { limit: 10, agent_id: 'agent_01M6DQS9M0F4B65HPSEG122Q51' } },
  });
  expectTypeOf(page.data?.suite_runs).toEqualTypeOf<SuiteRunSummary[] | undefined>();
  expectTypeOf(page.data?.next_cursor).toEqualTypeOf<string | null | undefined>();

  const batch = await client.POST('/v1/agents/tests/runs/batch', {
    params: { header: { 'Idempotency-Key': 'k-1' } },
    body: { entries: [{ test_id: 'test_01M6DQSAK873BGZEDJGKDRM7ZJ' }] },
  });
  expectTypeOf(batch.data?.suite_run).toEqualTypeOf<SuiteRunSummary | null | undefined>();

  const run = await client.GET('/v1/agents/tests/runs/{test_run_id}', {
    params: { path: { test_run_id: 'run_01M6DV7580M9JSV712RESD85HC' } },
  });
  expectTypeOf(run.data).toEqualTypeOf<TestRun | undefined>();
}

export async function misuseDoesNotCompile(): Promise<void> {
  // @ts-expect-error: no such path in the spec
  await client.GET('/v1/agents/tests/suite-run/{suite_run_id}', SUITE);
  // @ts-expect-error: the spec has no DELETE on a suite run
  await client.DELETE('/v1/agents/tests/suite-runs/{suite_run_id}', SUITE);
  // @ts-expect-error: the path parameter is required
  await client.GET('/v1/agents/tests/suite-runs/{suite_run_id}', {});
  // @ts-expect-error: limit is an integer, not text
  await client.GET('/v1/agents/tests/suite-runs', { params: { query: { limit: '10' } } });
  const entryWithoutTest = { agent_id: 'agent_01M6DQS9M0F4B65HPSEG122Q51' };
  // @ts-expect-error: a batch entry needs test_id
  await client.POST('/v1/agents/tests/runs/batch', { body: { entries: [entryWithoutTest] } });
  // @ts-expect-error: entries is an array of entries, not of ids
  await client.POST('/v1/agents/tests/runs/batch', { body: { entries: ['test_01M6DQSAK873BGZEDJGKDRM7ZJ'] } });
  const got = await client.GET('/v1/agents/tests/suite-runs/{suite_run_id}', SUITE);
  // @ts-expect-error: data may be undefined (an error answer) until checked
  got.data.status;
  if (got.data) {
    // @ts-expect-error: no such status in JobStatus
    const paused: typeof got.data.status = 'paused';
    void paused;
  }
  // @ts-expect-error: apiKey is required
  createSuiteRunClient({ baseUrl: 'http://127.0.0.1:1' });
}
