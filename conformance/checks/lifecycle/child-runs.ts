// A suite's children read on their own (GET /runs/{id}) are the children as the suite shows them.
import type { CheckContext } from '../../context.ts';
import { differences } from '../../oracle/equal.ts';
import { suiteSpecArb } from '../../scenarios/arbitraries.ts';
import { forEachFlow } from '../../scenarios/suite-flow.ts';
import { expectStatus, fail, runsOf } from '../support.ts';
import { withoutNames } from '../../model/model.ts';

export async function testRunMatchesSuiteChild(ctx: CheckContext): Promise<void> {
  await forEachFlow(ctx, suiteSpecArb, async (flow) => {
    // After the flow the suite is terminal, so nothing can move between the two reads.
    const runs = runsOf(flow.after2);
    for (const i of new Set([0, runs.length - 1, Math.floor(runs.length / 2)])) {
      const child = runs[i]!;
      const got = await ctx.api.getTestRun(String(child.id));
      const run = expectStatus(got, 200, `GET of child ${i} of the suite`, 'getTestRun');
      const diff = differences(withoutNames(child), run);
      if (diff.length)
        fail(
          `child ${i} read on its own differs from the suite's: ${diff.join('; ')}`,
          [flow.ex.after2, got],
          'getTestRun',
        );
    }
  });
}
