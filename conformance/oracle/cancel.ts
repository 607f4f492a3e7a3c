// The cancel rules of CONTRACT.md, as comparisons of a suite before and after a cancel.
import { differences } from './equal.ts';
import { isRec, isTerminal, runsOf, show } from './derivation.ts';
import { sameInstant, toInstant } from './instants.ts';

export type CancelRule =
  | 'active-cancelled'
  | 'terminal-unchanged'
  | 'one-instant'
  | 'same-children'
  | 'suite-cancelled';

export interface CancelViolation {
  rule: CancelRule;
  message: string;
}

type Rec = Record<string, unknown>;

/** Terminal is final: a child terminal before the cancel reads the same in every field after it. */
function terminalUnchanged(old: Rec, run: Rec, where: string): CancelViolation[] {
  const diff = differences(old, run);
  return diff.length
    ? [{ rule: 'terminal-unchanged', message: `${where} was ${String(old.status)} and changed: ${diff.join('; ')}` }]
    : [];
}

/** Compares a suite (with runs) before a cancel with a representation after it. */
export function checkCancel(before: unknown, after: unknown): CancelViolation[] {
  const out: CancelViolation[] = [];
  const was = runsOf(before);
  const now = runsOf(after);
  const ids = (runs: Rec[]) => runs.map((r) => String(r.id)).join(',');
  if (ids(was) !== ids(now)) {
    out.push({ rule: 'same-children', message: `the children changed: before [${ids(was)}], after [${ids(now)}]` });
    return out;
  }
  const cancelledNow: { where: string; endedAt: unknown }[] = [];
  was.forEach((old, i) => {
    const run = now[i]!;
    const where = `runs[${i}] (${String(old.id)})`;
    if (isTerminal(old.status)) {
      out.push(...terminalUnchanged(old, run, where));
      return;
    }
    const problems: string[] = [];
    if (run.status !== 'cancelled') problems.push(`status is ${show(run.status)}`);
    if (run.ended_at === null || run.ended_at === undefined) problems.push('ended_at is null');
    if (run.verdict !== null && run.verdict !== undefined) problems.push(`verdict is ${show(run.verdict)}`);
    if (run.result !== null && run.result !== undefined) problems.push('result is set');
    if (!sameInstant(old.started_at, run.started_at))
      problems.push(`started_at moved from ${show(old.started_at)} to ${show(run.started_at)}`);
    if (problems.length)
      out.push({
        rule: 'active-cancelled',
        message: `${where} was ${String(old.status)}: after the cancel ${problems.join(', ')}`,
      });
    if (run.status === 'cancelled') cancelledNow.push({ where, endedAt: run.ended_at });
  });
  const instants = new Set(cancelledNow.map((c) => String(toInstant(c.endedAt))));
  if (instants.size > 1) {
    out.push({
      rule: 'one-instant',
      message: `the children this cancel touched have ${instants.size} different ended_at: ${cancelledNow.map((c) => `${c.where} ${show(c.endedAt)}`).join(', ')}`,
    });
  }
  if (was.some((r) => !isTerminal(r.status)) && isRec(after) && after.status !== 'cancelled') {
    out.push({
      rule: 'suite-cancelled',
      message: `the suite had children to cancel but reads ${show(after.status)} after the cancel`,
    });
  }
  return out;
}

/**
 * The race-tolerant form (black box, or workers moving during the cancel): a child terminal
 * before is unchanged; every other child is cancelled or reached a terminal state on its own.
 */
export function checkCancelTolerant(before: unknown, after: unknown): CancelViolation[] {
  const out: CancelViolation[] = [];
  const was = runsOf(before);
  const now = runsOf(after);
  if (was.map((r) => r.id).join() !== now.map((r) => r.id).join()) {
    return [{ rule: 'same-children', message: 'the children changed across the cancel' }];
  }
  was.forEach((old, i) => {
    const run = now[i]!;
    const where = `runs[${i}] (${String(old.id)})`;
    if (isTerminal(old.status)) {
      out.push(...terminalUnchanged(old, run, where));
    } else if (!isTerminal(run.status)) {
      out.push({
        rule: 'active-cancelled',
        message: `${where} was ${String(old.status)} and is still ${show(run.status)} after the cancel`,
      });
    }
  });
  return out;
}
