// Issue 9 for the contract fixes, both ways. Mutants: a proxy that breaks one rule makes the
// named check fail. Variations: a proxy that does what the contract allows (another not-found
// code, ids that are not ULIDs, bad_request for a bad list parameter) passes the named checks.
// And a target whose clock runs backwards (suites made later carry an earlier created_at, as
// another implementation's control interface may) passes the list-order check.
import { describe, expect, it } from 'vitest';
import { runVerify } from '../conformance/index.ts';
import { contractMutants, contractVariations, shiftId } from '../conformance/testing/mutants-contract.ts';
import {
  expectAllPassed,
  expectCaught,
  runsOf,
  selectionOf,
  selectionOfAll,
  verifyThrough,
} from './support/mutant-verify.ts';
import { useTestServer } from './support/server.ts';

describe('contract fixes: mutants fail, variations pass', () => {
  const server = useTestServer({ expectChecked: false });

  it('the proxy without a mutation passes every check these rows name', async () => {
    const only = [
      ...new Set([...selectionOfAll(contractMutants()), ...contractVariations().flatMap(([, , checks]) => checks)]),
    ];
    expectAllPassed(await verifyThrough(server.url, {}, { seed: 5, runs: 10, only }), only);
  });

  // At the default --runs and at --runs 25; each case gets its mutation fresh (some keep state).
  const cases = contractMutants().flatMap((row, index) =>
    [undefined, 25].map((runs) => [row.check, row.breaks, runs ?? 'default', index] as const),
  );
  it.each(cases)('%s fails when %s (runs: %s)', async (check, _breaks, runs, index) => {
    const row = contractMutants()[index]!;
    const report = await verifyThrough(server.url, row.mutation, { seed: 5, only: selectionOf(row), ...runsOf(runs) });
    // Failed for the right reason: the rule the row breaks, as a violation (not a set-up step).
    expectCaught(report, check, row.rule);
  });

  it.each(contractVariations())('passes when %s', async (_what, variation, checks) => {
    expectAllPassed(await verifyThrough(server.url, variation, { seed: 5, runs: 10, only: checks }), checks);
  });

  it('the id shift keeps the form, leaves the ULID layout and undoes itself', () => {
    const id = 'srun_01M6DV7580JHH3VXH3J1Z0NDTA';
    expect(shiftId(id)).toBe('srun_G1M6DV7580JHH3VXH3J1Z0NDTA');
    expect(shiftId(shiftId(id))).toBe(id);
    expect(shiftId('srun_lower')).toBe('srun_lower');
  });
});

describe('list order is judged by created_at, not by the order the kit made the suites', () => {
  let now = Date.parse('2026-11-02T12:00:00.000Z');
  // Every reading of the clock is a second earlier than the one before.
  const server = useTestServer({ timeSource: { now: () => (now -= 1000) }, expectChecked: false });

  it('suites made later with an earlier created_at pass the list-order check and the model sequences', async () => {
    const make = () =>
      fetch(`${server.url}/_control/suite-runs`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_alpha', 'content-type': 'application/json' },
        body: JSON.stringify({ children: [{ status: 'pending' }] }),
      }).then((r) => r.json() as Promise<{ created_at: string }>);
    const [first, second] = [await make(), await make()];
    expect(Date.parse(second.created_at)).toBeLessThan(Date.parse(first.created_at)); // the scenario has teeth
    const only = ['lifecycle-list-order-and-pagination', 'lifecycle-model-sequences'];
    expectAllPassed(await runVerify({ target: server.url, seed: 5, runs: 10, only }), only);
  });
});
