// The faults of two operations: one over the cancel handler's answer, one over the resubmit plan.
import type { Seams } from '../seams.ts';

/** cancel-answers-stale: the cancel answers the suite as it was before the cancel (which still happens). */
export function cancelAnswersStale(handlers: Seams['handlers']): Seams['handlers'] {
  return (app) => {
    const base = handlers(app);
    const cancel = base.cancelSuiteRun!;
    return {
      ...base,
      cancelSuiteRun: (request) => {
        const before = app.presenter.suiteWithRunsJson(
          app.lookups.findSuite(request.workspace, request.params.suite_run_id!).suite,
        );
        return { ...cancel(request), json: before };
      },
    };
  };
}

/** resubmit-reruns-passed: the plan re-runs the passed children too. */
export function resubmitRerunsPassed(plan: Seams['planResubmit']): Seams['planResubmit'] {
  return (parent) => {
    const real = plan(parent);
    if ('error' in real && real.error === 'not_terminal') return real;
    const chosen = new Set('ok' in real ? real.ok : []);
    const widened = parent.runs.filter((r) => chosen.has(r) || r.verdict === 'passed');
    return widened.length > 0 ? { ok: widened } : { error: 'nothing_to_rerun' };
  };
}
