// "runs keeps creation order; no operation adds, drops or reorders children", and the control
// interface made exactly the children it was asked for.
import type { CheckContext } from '../../context.ts';
import { describeSpec, suiteSpecArb } from '../../scenarios/arbitraries.ts';
import { suiteFlow } from '../../scenarios/suite-flow.ts';
import { fail, runsOf } from '../support.ts';
import { flowRepresentations } from './representations.ts';

export async function runsStayAsMade(ctx: CheckContext): Promise<void> {
  await ctx.property(suiteSpecArb, async (spec) => {
    const flow = await suiteFlow(ctx, spec);
    const made = runsOf(flow.created);
    if (made.length !== spec.children.length) fail(`${describeSpec(spec)}: the control interface made ${made.length} children`, [flow.ex.created], 'controlCreateSuiteRun');
    spec.children.forEach((child, i) => {
      const run = made[i]!;
      if (run.status !== child.status || (child.verdict && run.verdict !== child.verdict)) {
        fail(`${describeSpec(spec)}: child ${i} was asked as ${child.status}${child.verdict ? `/${child.verdict}` : ''}, made as ${String(run.status)}/${String(run.verdict)}`, [flow.ex.created], 'controlCreateSuiteRun');
      }
    });
    const order = made.map((r) => r.id).join(',');
    for (const rep of flowRepresentations(flow)) {
      if (rep.kind !== 'with-runs') continue;
      const now = runsOf(rep.body as Record<string, unknown>).map((r) => r.id).join(',');
      if (now !== order) fail(`${describeSpec(spec)}; ${rep.label}: the children are [${now}], they were made as [${order}]`, [rep.exchange], rep.operation);
    }
  });
}
