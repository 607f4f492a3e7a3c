// Which children a resubmit runs again: those that failed or did not pass, once the suite has ended.
import { deriveSuite } from './derive.ts';
import type { SuiteRun, TestRun } from './types.ts';
import { isTerminal } from './types.ts';

/** A child is re-run when it could not run (`failed`) or ran and did not pass. */
export function isRerunnable(run: TestRun): boolean {
  return run.status === 'failed' || (run.status === 'completed' && run.verdict === 'failed');
}

export type ResubmitPlan = { ok: TestRun[] } | { error: 'not_terminal' | 'nothing_to_rerun' };

export function planResubmit(parent: SuiteRun): ResubmitPlan {
  if (!isTerminal(deriveSuite(parent.runs).status)) return { error: 'not_terminal' };
  const chosen = parent.runs.filter(isRerunnable);
  return chosen.length > 0 ? { ok: chosen } : { error: 'nothing_to_rerun' };
}
