// Cancel is idempotent: a second cancel answers identically, a terminal suite is left as it was.
import type { CheckContext } from '../../context.ts';
import { differences } from '../../oracle/equal.ts';
import { suiteSpecArb, terminalSuiteSpecArb } from '../../scenarios/arbitraries.ts';
import { forEachFlow, suiteFlow } from '../../scenarios/suite-flow.ts';
import { fail } from '../support.ts';

export async function secondCancelIdentical(ctx: CheckContext): Promise<void> {
  await forEachFlow(ctx, suiteSpecArb, (flow) => {
    const answers = differences(flow.cancel1, flow.cancel2);
    if (answers.length)
      fail(
        `${flow.label}: the second cancel answered differently from the first: ${answers.join('; ')}`,
        [flow.ex.cancel1, flow.ex.cancel2],
        'cancelSuiteRun',
      );
    const reads = differences(flow.after1, flow.after2);
    if (reads.length)
      fail(
        `${flow.label}: the second cancel changed the suite: ${reads.join('; ')}`,
        [flow.ex.after1, flow.ex.after2],
        'cancelSuiteRun',
      );
  });
}

export async function cancelTerminalSuiteUnchanged(ctx: CheckContext): Promise<void> {
  await ctx.property(terminalSuiteSpecArb, async (spec) => {
    const flow = await suiteFlow(ctx, spec);
    for (const [label, value, exchange] of [
      ['the cancel answer', flow.cancel1, flow.ex.cancel1],
      ['GET after the cancel', flow.after1, flow.ex.after1],
    ] as const) {
      const diff = differences(flow.before, value);
      if (diff.length) {
        fail(
          `${flow.label}: the suite was ${String(flow.before.status)} (terminal) and ${label} differs from it: ${diff.join('; ')}`,
          [flow.ex.before, exchange],
          'cancelSuiteRun',
        );
      }
    }
  });
}
