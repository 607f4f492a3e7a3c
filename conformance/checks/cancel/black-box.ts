// The race-tolerant cancel rules, for targets whose workers move on their own (no control).
import type { CheckContext } from '../../context.ts';
import { makeOwnSuite } from '../../discovery.ts';
import { checkCancelTolerant } from '../../oracle/cancel.ts';
import { differences } from '../../oracle/equal.ts';
import { fail, scenario, suiteBody } from '../support.ts';
import { ruleId } from '../../oracle/rules.ts';

/** Suites made per run: each Run All queues every test of the agent, so a few are enough. */
const SUITES = 3;

export async function cancelBlackBoxRaceTolerant(ctx: CheckContext): Promise<void> {
  for (let i = 0; i < SUITES; i++) {
    await scenario(ctx, async () => {
      const made = await makeOwnSuite(ctx);
      const id = String(made.id);
      const beforeEx = await ctx.api.getSuiteRun(id);
      const before = suiteBody(beforeEx, 200, 'GET before the cancel', 'getSuiteRun');
      const cancelEx = await ctx.api.cancelSuiteRun(id);
      const answer = suiteBody(cancelEx, 200, 'cancel of a suite the run made', 'cancelSuiteRun');
      const afterEx = await ctx.api.getSuiteRun(id);
      const after = suiteBody(afterEx, 200, 'GET after the cancel', 'getSuiteRun');
      for (const [label, value, ex] of [
        ['the cancel answer', answer, cancelEx],
        ['GET after the cancel', after, afterEx],
      ] as const) {
        const broken = checkCancelTolerant(before, value);
        if (broken.length)
          fail(
            `${label}: ${broken.map((v) => v.message).join('; ')}`,
            [beforeEx, ex],
            'cancelSuiteRun',
            ruleId(broken[0]!.rule),
          );
      }
      const diff = differences(answer, after);
      if (diff.length)
        fail(
          `the cancel answer differs from the GET right after it (after a cancel nothing may change): ${diff.join('; ')}`,
          [cancelEx, afterEx],
          'cancelSuiteRun',
        );
    });
  }
}
