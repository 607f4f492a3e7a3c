// The verdict of a run from its results: outcome, one-line reason and counts. With a baseline,
// failures it lists are known: counted and reported, but only new failures make the run fail.
import { applyBaseline } from './baseline.ts';
import type { Baseline, BaselineOutcome, CheckResult, VerifyReport } from './types.ts';

export type Verdict = Pick<VerifyReport, 'outcome' | 'reason' | 'results' | 'summary'> & { baseline?: BaselineOutcome };

/** A failed check's id, marked when it never reached its rule (its set-up failed, or it stopped on an error). */
function named(r: CheckResult): string {
  const kind = r.failure?.kind;
  return kind === 'setup' ? `${r.id} (set-up failed)` : kind === 'error' ? `${r.id} (unexpected error)` : r.id;
}

export function decideOutcome(given: CheckResult[], baseline?: Baseline, couldNotRun?: string): Verdict {
  const applied = baseline ? applyBaseline(given, baseline) : undefined;
  const results = applied?.results ?? given;
  const count = (status: CheckResult['status']) => results.filter((r) => r.status === status).length;
  const failed = results.filter((r) => r.status === 'failed');
  const fresh = failed.filter((r) => r.baseline !== 'known');
  const known = failed.length - fresh.length;
  const summary = {
    checks: results.length,
    passed: count('passed'),
    failed: failed.length,
    skipped: count('skipped'),
    known,
  };
  const outcome = couldNotRun ? 'could-not-run' : fresh.length ? 'failed' : 'passed';
  const knownNote = known
    ? `; ${known} known failure${known === 1 ? '' : 's'} from the baseline: ${failed
        .filter((r) => r.baseline === 'known')
        .map((r) => r.id)
        .join(', ')}`
    : '';
  const reason = couldNotRun
    ? couldNotRun
    : fresh.length
      ? `${fresh.length} of ${results.length} checks failed${known ? ' (not in the baseline)' : ''}: ${fresh.map(named).join(', ')}${knownNote}`
      : `${summary.passed} checks passed, ${summary.skipped} skipped${knownNote}`;
  return { outcome, reason, results, summary, ...(applied ? { baseline: applied.outcome } : {}) };
}
