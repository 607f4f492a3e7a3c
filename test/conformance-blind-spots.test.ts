// The blind spots of issue 9 §3: each bug class real implementations ship, as a mutant proxy in
// front of the reference server, is caught by the check named for it, at the default --runs and
// at --runs 25; the proxy without a mutation passes the same selection at both.
import { describe, it } from 'vitest';
import { blindSpotMutants } from '../conformance/testing/mutants-blind-spots.ts';
import {
  expectAllPassed,
  expectCaught,
  runsOf,
  selectionOf,
  selectionOfAll,
  verifyThrough,
} from './support/mutant-verify.ts';
import { useTestServer } from './support/server.ts';

const SEED = 11;
const RUNS: (number | undefined)[] = [undefined, 25];
const rows = blindSpotMutants().map((row, index) => ({ index, ...row }));

describe('every blind-spot mutant is caught by its check', () => {
  const server = useTestServer({ expectChecked: false });

  it.each(RUNS.map((runs) => [runs ?? 'default'] as const))(
    'the proxy without a mutation passes every check these mutants target (runs: %s)',
    async (runs) => {
      const only = selectionOfAll(rows);
      expectAllPassed(await verifyThrough(server.url, {}, { seed: SEED, only, ...runsOf(runs) }), only);
    },
  );

  const cases = rows.flatMap((row) =>
    RUNS.map((runs) => [row.check, row.rule, row.breaks, runs ?? 'default', row.index] as const),
  );
  it.each(cases)('%s (rule %s) fails when %s (runs: %s)', async (check, rule, _breaks, runs, index) => {
    // Fresh mutation state for each run.
    const row = blindSpotMutants()[index]!;
    const report = await verifyThrough(server.url, row.mutation, {
      seed: SEED,
      only: selectionOf(row),
      ...runsOf(runs),
    });
    // Failed for the right reason: the rule this row breaks, as a violation (not a set-up step).
    expectCaught(report, check, rule);
  });
});
