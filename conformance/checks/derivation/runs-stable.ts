// "runs keeps creation order; no operation adds, drops or reorders children", and the control
// interface made exactly the children it was asked for.
import type { CheckContext } from '../../context.ts';
import { suiteSpecArb } from '../../scenarios/arbitraries.ts';
import { forEachFlow } from '../../scenarios/suite-flow.ts';
import { fail, runsOf, type Rec } from '../support.ts';
import { flowRepresentations } from './representations.ts';

export async function runsStayAsMade(ctx: CheckContext): Promise<void> {
  await forEachFlow(ctx, suiteSpecArb, (flow) => {
    const spec = flow.spec;
    const made = runsOf(spec ? flow.created : flow.before);
    if (spec) {
      if (made.length !== spec.children.length)
        fail(
          `${flow.label}: the control interface made ${made.length} children`,
          [flow.ex.created],
          'controlCreateSuiteRun',
        );
      spec.children.forEach((child, i) => {
        const run = made[i]!;
        if (run.status !== child.status || (child.verdict && run.verdict !== child.verdict)) {
          fail(
            `${flow.label}: child ${i} was asked as ${child.status}${child.verdict ? `/${child.verdict}` : ''}, made as ${String(run.status)}/${String(run.verdict)}`,
            [flow.ex.created],
            'controlCreateSuiteRun',
          );
        }
      });
    } else {
      // Run All and batch answer their runs in creation order: the suite must read them so.
      const queued = Array.isArray(flow.ex.created.json && (flow.ex.created.json as Rec).runs)
        ? ((flow.ex.created.json as Rec).runs as Rec[])
        : [];
      const answered = queued.map((r) => r.id).join(',');
      const read = made.map((r) => r.id).join(',');
      if (answered !== read)
        fail(
          `${flow.label}: the creation answer queued [${answered}], the suite reads [${read}]`,
          [flow.ex.created, flow.ex.before],
          'getSuiteRun',
        );
    }
    const order = made.map((r) => r.id).join(',');
    for (const rep of flowRepresentations(flow)) {
      if (rep.kind !== 'with-runs') continue;
      const now = runsOf(rep.body as Rec)
        .map((r) => r.id)
        .join(',');
      if (now !== order)
        fail(
          `${flow.label}; ${rep.label}: the children are [${now}], they were made as [${order}]`,
          [rep.exchange],
          rep.operation,
        );
    }
  });
}
