// POST /runs/{id}/cancel on a suite's child: the cancel rules for that child, its siblings
// unchanged, and the suite derived again.
import fc from 'fast-check';
import type { CheckContext } from '../../context.ts';
import { checkCancel } from '../../oracle/cancel.ts';
import { checkSuite } from '../../oracle/derivation.ts';
import { differences } from '../../oracle/equal.ts';
import { describeSpec, suiteSpecArb } from '../../scenarios/arbitraries.ts';
import { expectStatus, fail, runsOf, suiteBody, type Rec, madeSuite } from '../support.ts';
import { ruleId } from '../../oracle/rules.ts';

/** The fields a test run shares with a suite's child (a child adds the names). */
function asTestRun(child: Rec): Rec {
  const { test_name: _t, agent_name: _a, ...run } = child;
  return run;
}

export async function cancelOneChildRederivesSuite(ctx: CheckContext): Promise<void> {
  await ctx.property(fc.tuple(suiteSpecArb, fc.nat()), async ([spec, pick]) => {
    const index = pick % spec.children.length;
    const what = `${describeSpec(spec)}, cancel of child ${index}`;
    const createdEx = await ctx.control!.createSuite(spec);
    const created = madeSuite(createdEx);
    ctx.own.add(String(created.id));
    const before = runsOf(created);
    const child = before[index]!;
    const cancelEx = await ctx.api.cancelTestRun(String(child.id));
    const answer = expectStatus(cancelEx, 200, `${what}: cancel of the child`, 'cancelTestRun');
    const suiteEx = await ctx.api.getSuiteRun(String(created.id));
    const suite = suiteBody(suiteEx, 200, `${what}: GET of its suite`, 'getSuiteRun');
    const runEx = await ctx.api.getTestRun(String(child.id));
    const run = expectStatus(runEx, 200, `${what}: GET of the child`, 'getTestRun');

    // The child alone, as a one-child suite, follows the suite cancel rules.
    const rules = checkCancel({ runs: [asTestRun(child)] }, { runs: [answer] }).filter(
      (v) => v.rule !== 'suite-cancelled',
    );
    if (rules.length)
      fail(
        `${what}: ${rules.map((v) => v.message).join('; ')}`,
        [createdEx, cancelEx],
        'cancelTestRun',
        ruleId(rules[0]!.rule),
      );
    const inSuite = runsOf(suite)[index];
    const asRead = differences(answer, inSuite ? asTestRun(inSuite) : undefined);
    if (asRead.length)
      fail(
        `${what}: the cancel answer differs from the child in the suite read next: ${asRead.join('; ')}`,
        [cancelEx, suiteEx],
        'cancelTestRun',
      );
    const direct = differences(answer, run);
    if (direct.length)
      fail(
        `${what}: the cancel answer differs from the GET of the run right after it: ${direct.join('; ')}`,
        [cancelEx, runEx],
        'cancelTestRun',
      );
    runsOf(suite).forEach((sibling, i) => {
      if (i === index) return;
      const diff = differences(before[i], sibling);
      if (diff.length) fail(`${what}: sibling ${i} changed: ${diff.join('; ')}`, [createdEx, suiteEx], 'cancelTestRun');
    });
    const derived = checkSuite(suite, 'with-runs');
    if (derived.length)
      fail(
        `${what}: the suite was not derived again: ${derived.map((v) => `${v.rule}: ${v.message}`).join('; ')}`,
        [suiteEx],
        'cancelTestRun',
        ruleId(derived[0]!.rule),
      );
  });
}
