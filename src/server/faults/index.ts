// Deliberate bugs as decorators over the server's seams (src/server/seams.ts), composed in one
// place: startServer calls applyFaults(DEFAULT_SEAMS, faults). The modules that play the roles
// never name a fault; each fault is a small function here that wraps the role it breaks, and
// with no fault on nothing is wrapped.
import type { Seams } from '../seams.ts';
import { cancelCompletedSuite, cancelSkipsRunning, cancelTouchesTerminal, recancelMovesEndedAt } from './cancel.ts';
import { endedAtEarliest, resultsCountFailedRuns, statusIgnoresCancelled, verdictOnUnfinished } from './derive.ts';
import { cancelAnswersStale, resubmitRerunsPassed } from './handlers.ts';
import { lowercaseIds, shortIds } from './ids.ts';
import { anyBearerAccepted } from './keyring.ts';
import type { FaultName, FaultSet } from './names.ts';
import { idempotencyKeyIgnored, lookupBeforeAuth, malformedId500 } from './pipeline.ts';
import { tenancy403, tenancyLeak } from './tenancy.ts';

export { FAULTS, faultWarning, isFaultName, parseFaults, type FaultName } from './names.ts';

/** A fault: the seams with one of them wrapped. */
type Decorator = (seams: Readonly<Seams>) => Readonly<Seams>;

/** The decorator that puts `wrap` in front of `seam`. */
function on<K extends keyof Seams>(seam: K, wrap: (base: Seams[K]) => Seams[K]): Decorator {
  return (seams) => ({ ...seams, [seam]: wrap(seams[seam]) });
}

/**
 * Every fault's decorator, in the order they are applied: each wraps the seam as the ones before
 * it left it, so where two faults meet on one seam the later one answers first. (A cancel fault
 * that keeps a case for itself is in front of cancel-touches-terminal; tenancy-403 is in front
 * of tenancy-leak; the derivation faults change the derived fields in this order.)
 */
export const DECORATORS: Record<FaultName, Decorator> = {
  'cancel-touches-terminal': on('cancelRule', cancelTouchesTerminal),
  'cancel-skips-running': on('cancelRule', cancelSkipsRunning),
  'cancel-completed-suite': on('cancelRule', cancelCompletedSuite),
  'recancel-moves-ended-at': on('cancelRule', recancelMovesEndedAt),
  'status-ignores-cancelled': on('derive', statusIgnoresCancelled),
  'results-count-failed-runs': on('derive', resultsCountFailedRuns),
  'verdict-on-unfinished': on('derive', verdictOnUnfinished),
  'ended-at-earliest': on('derive', endedAtEarliest),
  'lookup-before-auth': on('beforeAuth', lookupBeforeAuth),
  'any-bearer-accepted': on('keyring', anyBearerAccepted),
  'tenancy-leak': on('lookups', tenancyLeak),
  'tenancy-403': on('lookups', tenancy403),
  'malformed-id-500': on('checkPathIds', malformedId500),
  'lowercase-ids': on('minter', lowercaseIds),
  'short-ids': on('minter', shortIds),
  'cancel-answers-stale': on('handlers', cancelAnswersStale),
  'idempotency-key-ignored': on('dispatch', idempotencyKeyIgnored),
  'resubmit-reruns-passed': on('planResubmit', resubmitRerunsPassed),
};

/** The seams with each fault that is on in front of the seam it breaks; `seams` itself when none is. */
export function applyFaults(seams: Readonly<Seams>, faults: FaultSet): Readonly<Seams> {
  let out = seams;
  for (const [name, decorate] of Object.entries(DECORATORS) as [FaultName, Decorator][])
    if (faults.has(name)) out = decorate(out);
  return out;
}
