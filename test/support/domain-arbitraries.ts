// fast-check generators of stored runs and suites that respect the per-run rules of the
// contract (verdict and result exactly when completed, ended_at exactly when terminal, error
// exactly when failed). Shared by the domain property tests and the fault decorators' tests.
import fc from 'fast-check';
import { createIdMinter } from '../../src/ids/index.ts';
import { seededRandom } from '../../src/ids/seeded-random.ts';
import { makeResult } from '../../src/domain/results.ts';
import type { JobStatus, SuiteRun, TestRun } from '../../src/domain/types.ts';

const BASE_MS = Date.UTC(2026, 10, 2, 9, 0, 0);
const iso = (ms: number): string => new Date(ms).toISOString();

/** One fixed, contract-consistent run in the given status, for example-based tests. */
export function exampleRun(status: JobStatus, extra: Partial<TestRun> = {}): TestRun {
  const terminal = status === 'completed' || status === 'failed' || status === 'cancelled';
  return {
    id: 'run_01M6DV7580M9JSV712RESD85HC',
    test_id: 'test_01M6DQSAK873BGZEDJGKDRM7ZJ',
    agent_id: 'agent_01M6DQS9M0F4B65HPSEG122Q51',
    status,
    verdict: status === 'completed' ? 'passed' : null,
    started_at: status === 'pending' ? null : '2026-11-02T10:00:02.000Z',
    ended_at: terminal ? '2026-11-02T10:00:09.000Z' : null,
    result: status === 'completed' ? makeResult('reply', 'passed', 7000) : null,
    created_at: '2026-11-02T10:00:00.000Z',
    ...(status === 'failed' ? { error: 'boom' } : {}),
    ...extra,
  };
}

const jobStatusArb: fc.Arbitrary<JobStatus> = fc.constantFrom('pending', 'running', 'completed', 'failed', 'cancelled');

export function testRunArb(): fc.Arbitrary<TestRun> {
  return fc
    .record({
      status: jobStatusArb,
      passed: fc.boolean(),
      started: fc.boolean(),
      startOffset: fc.integer({ min: 0, max: 60_000 }),
      duration: fc.integer({ min: 0, max: 600_000 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map(({ status, passed, started, startOffset, duration, seed }) => {
      const minter = createIdMinter(seededRandom(seed));
      // Only cancelled and failed runs may end without having started.
      const hasStart =
        status === 'running' || status === 'completed' || ((status === 'cancelled' || status === 'failed') && started);
      const startMs = BASE_MS + startOffset;
      const terminal = status === 'completed' || status === 'failed' || status === 'cancelled';
      const run: TestRun = {
        id: minter.mint('run', BASE_MS),
        test_id: minter.mint('test', BASE_MS - 86_400_000),
        agent_id: minter.mint('agent', BASE_MS - 86_400_000),
        status,
        verdict: status === 'completed' ? (passed ? 'passed' : 'failed') : null,
        started_at: hasStart ? iso(startMs) : null,
        ended_at: terminal ? iso(startMs + duration) : null,
        result: status === 'completed' ? makeResult('reply', passed ? 'passed' : 'failed', duration) : null,
        created_at: iso(BASE_MS),
      };
      if (status === 'failed') run.error = 'The agent did not answer within 60 seconds.';
      return run;
    });
}

export function suiteRunArb(maxChildren = 30): fc.Arbitrary<SuiteRun> {
  return fc.array(testRunArb(), { minLength: 1, maxLength: maxChildren }).map((runs) => ({
    id: 'srun_01M6DV7580JHH3VXH3J1Z0NDTA',
    agent_id: runs[0]!.agent_id,
    trigger: 'run_all' as const,
    parent_suite_run_id: null,
    created_at: iso(BASE_MS),
    config_override: null,
    flow_version_id: null,
    flow_version_number: null,
    runs,
  }));
}

/** An instant after every timestamp the generators make. */
export const cancelInstantArb: fc.Arbitrary<string> = fc
  .integer({ min: 700_000, max: 10_000_000 })
  .map((offset) => iso(BASE_MS + offset));
