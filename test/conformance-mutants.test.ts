// Every check can fail: for the checks no fault of the reference server covers, a mutant (a
// proxy in front of the reference server that breaks one thing) makes that check fail, on the
// rule the mutant breaks (a violation, never a failed set-up), and no other check of the
// selection. The same proxy without a mutation passes the same checks, so the proxy itself
// breaks nothing.
import { describe, expect, it } from 'vitest';
import { mutants } from '../conformance/testing/mutants.ts';
import {
  expectAllPassed,
  expectCaught,
  runsOf,
  selectionOf,
  selectionOfAll,
  verifyThrough,
} from './support/mutant-verify.ts';
import { useTestServer } from './support/server.ts';

describe('a mutant target makes the check it breaks fail on its rule, and no other check of the selection', () => {
  const server = useTestServer({ expectChecked: false });

  it('the proxy without a mutation passes every check these mutants target', async () => {
    const only = selectionOfAll(mutants());
    expectAllPassed(await verifyThrough(server.url, {}, { seed: 5, runs: 10, only }), only);
  });

  // At the default --runs and at --runs 25; each case gets its mutation fresh (some keep state).
  const cases = mutants().flatMap((row, index) =>
    [undefined, 25].map((runs) => [row.check, row.breaks, runs ?? 'default', index] as const),
  );
  it.each(cases)('%s fails when %s (runs: %s)', async (check, _breaks, runs, index) => {
    const row = mutants()[index]!;
    const report = await verifyThrough(server.url, row.mutation, { seed: 5, only: selectionOf(row), ...runsOf(runs) });
    // For the right reason: the rule the mutant breaks, judged (not a set-up step that broke on the way).
    expectCaught(report, check, row.rule);
    // And nothing else of the selection: the mutant breaks this rule only.
    expect(report.results.filter((r) => r.status === 'failed').map((r) => r.id)).toEqual([check]);
  });
});
