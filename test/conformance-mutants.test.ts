// Every check can fail: for the checks no fault of the reference server covers, a mutant (a
// proxy in front of the reference server that breaks one thing) makes exactly that check fail.
// The same proxy without a mutation passes the same checks, so the proxy itself breaks nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../conformance/index.ts';
import { startMutantProxy } from '../conformance/testing/mutant-proxy.ts';
import { mutants } from '../conformance/testing/mutants.ts';
import { startServer, type RunningServer } from '../src/server/index.ts';

describe('a mutant target makes exactly the check it breaks fail', () => {
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
      const only = [...new Set(mutants().flatMap(([check, , , extra]) => [check, ...(extra ?? [])]))];
      const report = await runVerify({ target: proxy.url, seed: 5, runs: 10, only });
      expect(report.outcome, report.reason).toBe('passed');
      expect(report.summary.passed).toBe(only.length);
    } finally {
      await proxy.close();
    }
  });

  it.each(mutants().map(([check, what, mutation, extra]) => [check, what, mutation, extra] as const))('%s fails when %s', async (check, _what, mutation, extra) => {
    const proxy = await startMutantProxy(server.url, mutation);
    try {
      const report = await runVerify({ target: proxy.url, seed: 5, runs: 20, only: [check, ...(extra ?? [])] });
      const result = report.results.find((r) => r.id === check);
      expect(result?.status, JSON.stringify(result)).toBe('failed');
      expect(result!.failure!.repro.length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });
});
