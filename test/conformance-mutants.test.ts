// Every check can fail: for the checks no fault of the reference server covers, a mutant (a
// proxy in front of the reference server that breaks one thing) makes that check fail, on the
// rule the mutant breaks (a violation, never a failed set-up), and no other check of the
// selection. The same proxy without a mutation passes the same checks, so the proxy itself
// breaks nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../conformance/index.ts';
import { startMutantProxy } from '../conformance/testing/mutant-proxy.ts';
import { mutants } from '../conformance/testing/mutants.ts';
import { startServer, type RunningServer } from '../src/server/index.ts';

describe('a mutant target makes the check it breaks fail on its rule, and no other check of the selection', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ control: true, clock: 'manual' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('the proxy without a mutation passes every check these mutants target', async () => {
    const proxy = await startMutantProxy(server.url, {});
    try {
      const only = [...new Set(mutants().flatMap(({ check, alsoRun }) => [check, ...(alsoRun ?? [])]))];
      const report = await runVerify({ target: proxy.url, seed: 5, runs: 10, only });
      expect(report.outcome, report.reason).toBe('passed');
      expect(report.summary.passed).toBe(only.length);
    } finally {
      await proxy.close();
    }
  });

  // At the default --runs and at --runs 25; each case gets its mutation fresh (some keep state).
  const cases = mutants().flatMap((row, index) => [undefined, 25].map((runs) => [row.check, row.breaks, runs ?? 'default', index] as const));
  it.each(cases)('%s fails when %s (runs: %s)', async (check, _breaks, runs, index) => {
    const { rule, mutation, alsoRun } = mutants()[index]!;
    const proxy = await startMutantProxy(server.url, mutation);
    try {
      const report = await runVerify({ target: proxy.url, seed: 5, only: [check, ...(alsoRun ?? [])], ...(runs === 'default' ? {} : { runs }) });
      const result = report.results.find((r) => r.id === check);
      expect(result?.status, JSON.stringify(result)).toBe('failed');
      // For the right reason: the rule the mutant breaks, judged (not a set-up step that broke on the way).
      expect({ rule: result!.failure!.rule, kind: result!.failure!.kind }, result!.failure!.message).toEqual({ rule, kind: 'violation' });
      expect(result!.failure!.repro.length).toBeGreaterThan(0);
      // And nothing else of the selection: the mutant breaks this rule only.
      expect(report.results.filter((r) => r.status === 'failed').map((r) => r.id)).toEqual([check]);
    } finally {
      await proxy.close();
    }
  });
});
