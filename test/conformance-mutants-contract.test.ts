// Issue 9 for the contract fixes, both ways. Mutants: a proxy that breaks one rule makes the
// named check fail. Variations: a proxy that does what the contract allows (another not-found
// code, ids that are not ULIDs, bad_request for a bad list parameter) passes the named checks.
// And a target whose clock runs backwards (suites made later carry an earlier created_at, as
// another implementation's control interface may) passes the list-order check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../conformance/index.ts';
import { startMutantProxy } from '../conformance/testing/mutant-proxy.ts';
import { contractMutants, contractVariations, shiftId } from '../conformance/testing/mutants-contract.ts';
import { startServer, type RunningServer } from '../src/server/index.ts';

describe('contract fixes: mutants fail, variations pass', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ control: true, clock: 'manual' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('the proxy without a mutation passes every check these rows name', async () => {
    const proxy = await startMutantProxy(server.url, {});
    try {
      const only = [...new Set([...contractMutants().flatMap(({ check, alsoRun }) => [check, ...(alsoRun ?? [])]), ...contractVariations().flatMap(([, , checks]) => checks)])];
      const report = await runVerify({ target: proxy.url, seed: 5, runs: 10, only });
      expect(report.outcome, JSON.stringify(report.results.filter((r) => r.status !== 'passed'))).toBe('passed');
      expect(report.summary.passed).toBe(only.length);
    } finally {
      await proxy.close();
    }
  });

  // At the default --runs and at --runs 25; each case gets its mutation fresh (some keep state).
  const cases = contractMutants().flatMap((row, index) => [undefined, 25].map((runs) => [row.check, row.breaks, runs ?? 'default', index] as const));
  it.each(cases)('%s fails when %s (runs: %s)', async (check, _breaks, runs, index) => {
    const row = contractMutants()[index]!;
    const proxy = await startMutantProxy(server.url, row.mutation);
    try {
      const report = await runVerify({ target: proxy.url, seed: 5, only: [check, ...(row.alsoRun ?? [])], ...(runs === 'default' ? {} : { runs }) });
      const result = report.results.find((r) => r.id === check);
      expect(result?.status, JSON.stringify(result)).toBe('failed');
      expect(result!.failure!.repro.length).toBeGreaterThan(0);
      // Failed for the right reason: the rule the row breaks, as a violation (not a set-up step).
      expect({ rule: result!.failure!.rule, kind: result!.failure!.kind }, result!.failure!.message).toEqual({ rule: row.rule, kind: 'violation' });
    } finally {
      await proxy.close();
    }
  });

  it.each(contractVariations())('passes when %s', async (_what, variation, checks) => {
    const proxy = await startMutantProxy(server.url, variation);
    try {
      const report = await runVerify({ target: proxy.url, seed: 5, runs: 10, only: checks });
      expect(report.outcome, JSON.stringify(report.results.filter((r) => r.status !== 'passed'))).toBe('passed');
      expect(report.summary.passed).toBe(checks.length);
    } finally {
      await proxy.close();
    }
  });

  it('the id shift keeps the form, leaves the ULID layout and undoes itself', () => {
    const id = 'srun_01M6DV7580JHH3VXH3J1Z0NDTA';
    expect(shiftId(id)).toBe('srun_G1M6DV7580JHH3VXH3J1Z0NDTA');
    expect(shiftId(shiftId(id))).toBe(id);
    expect(shiftId('srun_lower')).toBe('srun_lower');
  });
});

describe('list order is judged by created_at, not by the order the kit made the suites', () => {
  let server: RunningServer;
  let now = Date.parse('2026-11-02T12:00:00.000Z');
  beforeAll(async () => {
    // Every reading of the clock is a second earlier than the one before.
    server = await startServer({ control: true, clock: 'manual', timeSource: { now: () => (now -= 1000) } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('suites made later with an earlier created_at pass the list-order check and the model sequences', async () => {
    const make = () =>
      fetch(`${server.url}/_control/suite-runs`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_alpha', 'content-type': 'application/json' },
        body: JSON.stringify({ children: [{ status: 'pending' }] }),
      }).then((r) => r.json() as Promise<{ created_at: string }>);
    const [first, second] = [await make(), await make()];
    expect(Date.parse(second.created_at)).toBeLessThan(Date.parse(first.created_at)); // the scenario has teeth
    const report = await runVerify({ target: server.url, seed: 5, runs: 10, only: ['lifecycle-list-order-and-pagination', 'lifecycle-model-sequences'] });
    expect(report.outcome, JSON.stringify(report.results)).toBe('passed');
    expect(report.summary.passed).toBe(2);
  });
});
