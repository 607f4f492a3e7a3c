// What the mutant test files share: verify run through a mutant proxy in front of the reference
// server (useTestServer), and the two verdicts they assert: a mutant caught by its check, on the
// rule it breaks, as a violation with a repro; and a selection that passes whole.
import { expect } from 'vitest';
import { runVerify, type VerifyOptions, type VerifyReport } from '../../conformance/index.ts';
import { startMutantProxy, type Mutation } from '../../conformance/testing/mutant-proxy.ts';

/** A mutant's selection: the check that must fail, and the checks run with it. */
export const selectionOf = (row: { check: string; alsoRun?: string[] }): string[] => [
  row.check,
  ...(row.alsoRun ?? []),
];

/** The selections of all these rows, each check once. */
export const selectionOfAll = (rows: { check: string; alsoRun?: string[] }[]): string[] => [
  ...new Set(rows.flatMap(selectionOf)),
];

/** The `--runs` of a case: verify's default, or a number. */
export const runsOf = (runs: number | 'default'): { runs?: number } => (runs === 'default' ? {} : { runs });

/** runVerify against a mutant proxy in front of `upstream`; the proxy is closed after. */
export async function verifyThrough(
  upstream: string,
  mutation: Mutation,
  options: Omit<VerifyOptions, 'target'>,
): Promise<VerifyReport> {
  const proxy = await startMutantProxy(upstream, mutation);
  try {
    return await runVerify({ ...options, target: proxy.url });
  } finally {
    await proxy.close();
  }
}

/** The mutant is caught: `check` failed, with a repro, for the right reason: `rule`, judged as a
 *  violation (not a set-up step that broke on the way). */
export function expectCaught(report: VerifyReport, check: string, rule: string): void {
  const result = report.results.find((r) => r.id === check);
  expect(result?.status, JSON.stringify(result)).toBe('failed');
  expect(result!.failure!.repro.length).toBeGreaterThan(0);
  expect({ rule: result!.failure!.rule, kind: result!.failure!.kind }, result!.failure!.message).toEqual({
    rule,
    kind: 'violation',
  });
}

/** Every check of the selection `only` ran and passed. */
export function expectAllPassed(report: VerifyReport, only: string[]): void {
  const notPassed = report.results
    .filter((r) => r.status !== 'passed')
    .map((r) => `${r.id}: ${r.failure?.message ?? r.reason}`);
  expect(notPassed, report.reason).toEqual([]);
  expect(report.outcome, report.reason).toBe('passed');
  expect(report.summary.passed).toBe(only.length);
}
