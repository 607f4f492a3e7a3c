// Races: parallel cancels of one suite, and cancels racing worker advances. Real concurrency
// (Promise.all over HTTP), judged by rules that hold whatever order the target chose.
import fc from 'fast-check';
import type { CheckContext } from '../../context.ts';
import type { AdvanceMove } from '../../control.ts';
import { checkCancel, checkCancelTolerant } from '../../oracle/cancel.ts';
import { checkSuite, isTerminal } from '../../oracle/derivation.ts';
import { differences } from '../../oracle/equal.ts';
import { sameInstant } from '../../oracle/instants.ts';
import { activeSuiteSpecArb, describeSpec } from '../../scenarios/arbitraries.ts';
import { describeAnswer, expectStatus, fail, runsOf, scenario, suiteBody, type Rec, madeSuite } from '../support.ts';
import { makeOwnSuite } from '../../discovery.ts';
import { BLACK_BOX_SUITES } from '../../scenarios/suite-flow.ts';
import { ruleId } from '../../oracle/rules.ts';

/** Black box: parallel cancels of Run All / batch suites (workers may move; the answers must still agree). */
async function parallelCancelsAgreeBlackBox(ctx: CheckContext): Promise<void> {
  for (let i = 0; i < BLACK_BOX_SUITES; i++) {
    await scenario(ctx, async () => {
      const before = await makeOwnSuite(ctx);
      const id = String(before.id);
      const cancels = await Promise.all(Array.from({ length: 4 }, () => ctx.api.cancelSuiteRun(id)));
      const answers = cancels.map((ex, n) =>
        suiteBody(ex, 200, `4 parallel cancels: cancel #${n + 1}`, 'cancelSuiteRun'),
      );
      const getEx = await ctx.api.getSuiteRun(id);
      const final = suiteBody(getEx, 200, 'GET after 4 parallel cancels', 'getSuiteRun');
      answers.forEach((answer, n) => {
        const diff = differences(answer, final);
        if (diff.length)
          fail(
            `4 parallel cancels: cancel #${n + 1} answered other than the final state: ${diff.join('; ')}`,
            [cancels[n]!, getEx],
            'cancelSuiteRun',
          );
      });
      const broken = checkCancelTolerant(before, final);
      if (broken.length)
        fail(
          `4 parallel cancels: ${broken.map((v) => v.message).join('; ')}`,
          [getEx],
          'cancelSuiteRun',
          ruleId(broken[0]!.rule),
        );
    });
  }
}

export async function parallelCancelsAgree(ctx: CheckContext): Promise<void> {
  if (!ctx.control) return parallelCancelsAgreeBlackBox(ctx);
  await ctx.property(fc.tuple(activeSuiteSpecArb, fc.integer({ min: 2, max: 6 })), async ([spec, n]) => {
    const what = `${describeSpec(spec)}, ${n} parallel cancels`;
    const createdEx = await ctx.control!.createSuite(spec);
    const created = madeSuite(createdEx);
    const id = String(created.id);
    ctx.own.add(id);
    const cancels = await Promise.all(Array.from({ length: n }, () => ctx.api.cancelSuiteRun(id)));
    const answers = cancels.map((ex, i) => suiteBody(ex, 200, `${what}: cancel #${i + 1}`, 'cancelSuiteRun'));
    const getEx = await ctx.api.getSuiteRun(id);
    const final = suiteBody(getEx, 200, `${what}: GET after them`, 'getSuiteRun');
    answers.forEach((answer, i) => {
      const diff = differences(answer, final);
      if (diff.length)
        fail(
          `${what}: cancel #${i + 1} answered other than the final state: ${diff.join('; ')}`,
          [cancels[i]!, getEx],
          'cancelSuiteRun',
        );
    });
    const broken = checkCancel(created, final);
    if (broken.length)
      fail(
        `${what}: ${broken.map((v) => v.message).join('; ')}`,
        [createdEx, getEx],
        'cancelSuiteRun',
        ruleId(broken[0]!.rule),
      );
  });
}

/** A legal worker move from a child's status (the control interface's rules). */
export function legalMove(status: unknown, pick: number): AdvanceMove | undefined {
  if (status === 'pending')
    return [{ to: 'running' as const }, { to: 'failed' as const, error: 'Worker crashed' }][pick % 2];
  if (status === 'running')
    return [
      { to: 'completed' as const, verdict: 'passed' as const },
      { to: 'completed' as const, verdict: 'failed' as const },
      { to: 'failed' as const, error: 'Worker crashed' },
    ][pick % 3];
  return undefined;
}

export async function workerAfterCancelChangesNothing(ctx: CheckContext): Promise<void> {
  await ctx.property(fc.tuple(activeSuiteSpecArb, fc.nat()), async ([spec, pick]) => {
    const what = `${describeSpec(spec)}, a worker moves cancelled children`;
    const createdEx = await ctx.control!.createSuite(spec);
    const created = madeSuite(createdEx);
    const id = String(created.id);
    ctx.own.add(id);
    const cancelEx = await ctx.api.cancelSuiteRun(id);
    const cancelled = suiteBody(cancelEx, 200, `${what}: cancel`, 'cancelSuiteRun');
    const active = runsOf(created)
      .filter((r) => !isTerminal(r.status))
      .slice(0, 3);
    for (const child of active) {
      const move = legalMove(child.status, pick)!;
      const advanceEx = await ctx.control!.advance(String(child.id), move);
      if (advanceEx.status >= 200 && advanceEx.status < 300) {
        fail(
          `${what}: moving cancelled child ${String(child.id)} to ${move.to} answered ${describeAnswer(advanceEx)}; a terminal run answers 409 and changes nothing`,
          [cancelEx, advanceEx],
          'controlAdvanceRun',
        );
      }
      expectStatus(advanceEx, 409, `${what}: moving a cancelled child`, 'controlAdvanceRun');
    }
    const getEx = await ctx.api.getSuiteRun(id);
    const diff = differences(cancelled, suiteBody(getEx, 200, `${what}: GET`, 'getSuiteRun'));
    if (diff.length)
      fail(`${what}: the suite changed after the cancel: ${diff.join('; ')}`, [cancelEx, getEx], 'cancelSuiteRun');
  });
}

export async function cancelRacesAdvances(ctx: CheckContext): Promise<void> {
  await ctx.property(
    fc.tuple(activeSuiteSpecArb, fc.array(fc.nat(), { minLength: 1, maxLength: 4 })),
    async ([spec, picks]) => {
      const what = `${describeSpec(spec)}, a cancel racing ${picks.length} worker moves`;
      const createdEx = await ctx.control!.createSuite(spec);
      const created = madeSuite(createdEx);
      const id = String(created.id);
      ctx.own.add(id);
      const active = runsOf(created).filter((r) => !isTerminal(r.status));
      const moves = picks
        .slice(0, active.length)
        .map((pick, i) => ({ child: active[i]!, move: legalMove(active[i]!.status, pick)! }));
      const [cancelEx, ...advanceExs] = await Promise.all([
        ctx.api.cancelSuiteRun(id),
        ...moves.map(({ child, move }) => ctx.control!.advance(String(child.id), move)),
      ]);
      const answer = suiteBody(cancelEx!, 200, `${what}: cancel`, 'cancelSuiteRun');
      const getEx = await ctx.api.getSuiteRun(id);
      const final = suiteBody(getEx, 200, `${what}: GET after the race`, 'getSuiteRun');
      const diff = differences(answer, final);
      if (diff.length)
        fail(
          `${what}: the state changed after the cancel answered (cancel wins): ${diff.join('; ')}`,
          [cancelEx!, getEx],
          'cancelSuiteRun',
        );
      const tolerant = checkCancelTolerant(created, final);
      if (tolerant.length)
        fail(
          `${what}: ${tolerant.map((v) => v.message).join('; ')}`,
          [createdEx, getEx],
          'cancelSuiteRun',
          ruleId(tolerant[0]!.rule),
        );
      const finalRuns = new Map(runsOf(final).map((r) => [r.id, r]));
      moves.forEach(({ child, move }, i) => {
        const ex = advanceExs[i]!;
        if (ex.status === 409) return;
        const moved = expectStatus(ex, [200, 409], `${what}: worker move of ${String(child.id)}`, 'controlAdvanceRun');
        const now = finalRuns.get(child.id) as Rec | undefined;
        // A move that succeeded came before the cancel: a terminal move stays, a start gets cancelled.
        const ok = isTerminal(moved.status)
          ? now?.status === moved.status && sameInstant(now?.ended_at, moved.ended_at)
          : now?.status === 'cancelled' && sameInstant(now?.started_at, moved.started_at);
        if (!ok)
          fail(
            `${what}: the worker's move to ${move.to} was accepted, yet the child ends ${JSON.stringify(now?.status)} (ended_at ${JSON.stringify(now?.ended_at)})`,
            [ex, getEx],
            'cancelSuiteRun',
          );
      });
      const derived = checkSuite(final, 'with-runs');
      if (derived.length)
        fail(`${what}: ${derived.map((v) => v.message).join('; ')}`, [getEx], 'getSuiteRun', ruleId(derived[0]!.rule));
    },
  );
}
