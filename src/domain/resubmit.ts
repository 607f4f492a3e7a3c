// Which children a resubmit runs again. The rule is a parameter only so that a deliberate
// fault can widen it; the default is the contract's.
import { deriveSuite } from './derive.ts';
import type { SuiteRun, TestRun } from './types.ts';
import { isTerminal } from './types.ts';

/** A child is re-run when it could not run (`failed`) or ran and did not pass. */
export function isRerunnable(run: TestRun): boolean {
  return run.status === 'failed' || (run.status === 'completed' && run.verdict === 'failed');
}

export type ResubmitPlan = { ok: TestRun[] } | { error: 'not_terminal' | 'nothing_to_rerun' };

export function planResubmit(parent: SuiteRun, rerun: (run: TestRun) => boolean = isRerunnable): ResubmitPlan {
  if (!isTerminal(deriveSuite(parent.runs).status)) return { error: 'not_terminal' };
  const chosen = parent.runs.filter(rerun);
  return chosen.length > 0 ? { ok: chosen } : { error: 'nothing_to_rerun' };
}
