// The derivation faults: decorators over the presenter's derive, each changing one derived
// field of what the function it wraps computed.
import type { Derive } from '../presenter.ts';

/** status-ignores-cancelled: a suite with a cancelled child reads completed (or failed). */
export function statusIgnoresCancelled(derive: Derive): Derive {
  return (runs) => {
    const d = derive(runs);
    if (d.status === 'cancelled') {
      d.status = d.failed > 0 ? 'failed' : 'completed';
      d.verdict = d.status === 'completed' ? (d.results.failed > 0 ? 'failed' : 'passed') : null;
    }
    return d;
  };
}

/** results-count-failed-runs: results.failed counts failed runs, not failed verdicts. */
export function resultsCountFailedRuns(derive: Derive): Derive {
  return (runs) => {
    const d = derive(runs);
    d.results = { passed: d.results.passed, failed: d.failed };
    return d;
  };
}

/** verdict-on-unfinished: a suite that is not completed has a verdict all the same. */
export function verdictOnUnfinished(derive: Derive): Derive {
  return (runs) => {
    const d = derive(runs);
    if (d.status !== 'completed') d.verdict = d.results.failed > 0 ? 'failed' : 'passed';
    return d;
  };
}

/** ended-at-earliest: an ended suite's ended_at is its earliest child's, not its latest. */
export function endedAtEarliest(derive: Derive): Derive {
  return (runs) => {
    const d = derive(runs);
    if (d.ended_at !== null)
      d.ended_at = runs.map((r) => r.ended_at!).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
    return d;
  };
}
