// The blind spots of issue 9 §3: each bug class real implementations ship, as a mutant proxy in
// front of the reference server, is caught by the check named for it, at the default --runs and
// at --runs 25; the proxy without a mutation passes the same selection at both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../conformance/index.ts';
import { startMutantProxy } from '../conformance/testing/mutant-proxy.ts';
import { blindSpotMutants } from '../conformance/testing/mutants-blind-spots.ts';
import { startServer, type RunningServer } from '../src/server/index.ts';

const SEED = 11;
const RUNS: (number | undefined)[] = [undefined, 25];
const rows = blindSpotMutants().map((row, index) => ({ index, ...row }));
const selectionOf = (row: { check: string; alsoRun?: string[] }) => [row.check, ...(row.alsoRun ?? [])];

describe('every blind-spot mutant is caught by its check', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ control: true, clock: 'manual' });
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(RUNS.map((runs) => [runs ?? 'default'] as const))('the proxy without a mutation passes every check these mutants target (runs: %s)', async (runs) => {
    const proxy = await startMutantProxy(server.url, {});
    try {
      const only = [...new Set(rows.flatMap(selectionOf))];
      const report = await runVerify({ target: proxy.url, seed: SEED, only, ...(runs === 'default' ? {} : { runs }) });
      const failed = report.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.failure?.message ?? r.reason}`);
      expect(failed).toEqual([]);
      expect(report.summary.passed).toBe(only.length);
    } finally {
      await proxy.close();
    }
  });

  const cases = rows.flatMap((row) => RUNS.map((runs) => [row.check, row.rule, row.breaks, runs ?? 'default', row.index] as const));
  it.each(cases)('%s (rule %s) fails when %s (runs: %s)', async (check, rule, _breaks, runs, index) => {
    // Fresh mutation state for each run.
    const row = blindSpotMutants()[index]!;
    const proxy = await startMutantProxy(server.url, row.mutation);
    try {
      const report = await runVerify({ target: proxy.url, seed: SEED, only: selectionOf(row), ...(runs === 'default' ? {} : { runs }) });
      const result = report.results.find((r) => r.id === check);
      expect(result?.status, JSON.stringify(result)).toBe('failed');
      expect(result!.failure!.repro.length).toBeGreaterThan(0);
      // Failed for the right reason: the rule this row breaks, as a violation (not a set-up step).
      expect({ rule: result!.failure!.rule, kind: result!.failure!.kind }, result!.failure!.message).toEqual({ rule, kind: 'violation' });
    } finally {
      await proxy.close();
    }
  });
});
