// The cancel faults: decorators over the store's cancel rule. Each answers the case it breaks
// and leaves every other suite to the rule it wraps.
import { cancelRun } from '../../domain/cancel.ts';
import { deriveSuite } from '../../domain/derive.ts';
import type { CancelRule } from '../../store/store.ts';

const statusOf = (suite: Parameters<CancelRule>[0]) => deriveSuite(suite.runs).status;

/**
 * cancel-touches-terminal: what the cancel changed, plus the terminal children's ended_at moved to the cancel
 * instant.
 */
export function cancelTouchesTerminal(cancel: CancelRule): CancelRule {
  return (suite, at) => {
    const after = cancel(suite, at);
    if (after === suite) return suite;
    return { ...after, runs: after.runs.map((r, i) => (r === suite.runs[i] ? { ...r, ended_at: at } : r)) };
  };
}

/** cancel-skips-running: a running suite has only its pending children cancelled. */
export function cancelSkipsRunning(cancel: CancelRule): CancelRule {
  return (suite, at) => {
    if (statusOf(suite) !== 'running') return cancel(suite, at);
    return { ...suite, runs: suite.runs.map((r) => (r.status === 'pending' ? cancelRun(r, at) : r)) };
  };
}

/** cancel-completed-suite: a completed suite is cancelled anyway, every child with it. */
export function cancelCompletedSuite(cancel: CancelRule): CancelRule {
  return (suite, at) => {
    if (statusOf(suite) !== 'completed') return cancel(suite, at);
    return {
      ...suite,
      runs: suite.runs.map((r) => ({ ...r, status: 'cancelled', verdict: null, result: null, ended_at: at })),
    };
  };
}

/** recancel-moves-ended-at: cancelling a cancelled suite again moves its cancelled children's ended_at. */
export function recancelMovesEndedAt(cancel: CancelRule): CancelRule {
  return (suite, at) => {
    if (statusOf(suite) !== 'cancelled') return cancel(suite, at);
    return { ...suite, runs: suite.runs.map((r) => (r.status === 'cancelled' ? { ...r, ended_at: at } : r)) };
  };
}
