// Deliberate bugs, one per name, for proving that the conformance kit catches them: their names
// and descriptions, and reading the names a person gives. None is ever on unless asked for by
// name; each is a decorator over one of the server's seams (the table in index.ts).
export const FAULTS = {
  'cancel-touches-terminal': 'cancel also rewrites terminal children (moves their ended_at to the cancel instant)',
  'cancel-skips-running': 'cancel leaves running children running (only pending ones are cancelled)',
  'cancel-completed-suite': 'cancel of a completed suite makes it cancelled (its children are cancelled too)',
  'recancel-moves-ended-at': "a second cancel moves the cancelled children's ended_at",
  'status-ignores-cancelled': 'suite status reads completed (or failed) although a child is cancelled',
  'results-count-failed-runs': 'results.failed counts failed runs instead of failed verdicts',
  'verdict-on-unfinished': 'verdict is set on a suite that is not completed',
  'ended-at-earliest': 'suite ended_at is the earliest child ended_at, not the latest',
  'lookup-before-auth': '404 for an unknown or malformed id is answered before auth (401)',
  'any-bearer-accepted': 'any bearer key is accepted (as the first workspace)',
  'tenancy-403': "another workspace's suite run answers 403",
  'tenancy-leak': "another workspace's suite run answers 200 with it (and can be cancelled or resubmitted)",
  'malformed-id-500': 'a malformed path id answers 500',
  'lowercase-ids': 'newly minted ids are lower case',
  'short-ids': 'newly minted ids have 25 characters after the prefix',
  'cancel-answers-stale': 'the cancel answer is the suite as it was before the cancel',
  'idempotency-key-ignored': 'Idempotency-Key is ignored (replays create again)',
  'resubmit-reruns-passed': 'resubmit re-runs passed tests too',
} as const satisfies Record<string, string>;

export type FaultName = keyof typeof FAULTS;
export type FaultSet = ReadonlySet<FaultName>;

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name);
}

/** Checks names given by a person (CLI, options) and says which are unknown. */
export function parseFaults(names: readonly string[]): { ok: FaultSet } | { unknown: string[] } {
  const unknown = names.filter((n) => !isFaultName(n));
  return unknown.length ? { unknown } : { ok: new Set(names as FaultName[]) };
}

/** The loud banner the CLI prints when any fault is on. */
export function faultWarning(faults: FaultSet): string {
  const lines = [...faults].map((name) => `  !!  ${name}: ${FAULTS[name]}`);
  return [
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '!!  FAULT INJECTION ON: this server breaks the contract on purpose.',
    ...lines,
    '!!  Use it only to prove that a conformance check fails. Never point an app at it.',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  ].join('\n');
}
