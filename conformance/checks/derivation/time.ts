// Children that end at different instants (the control interface makes every child at one
// instant, so the generated suites never show it): a worker ends them one by one, a few ms
// apart, in creation order and in reverse. The suite's ended_at is the latest child's, whichever
// child that is; a cancel after some ended stamps the children it touches with one instant,
// later than every earlier end, and the suite ends then.
import type { CheckContext } from '../../context.ts';
import type { AdvanceMove, ChildSpec } from '../../control.ts';
import type { Exchange } from '../../http/exchange.ts';
import { checkCancel } from '../../oracle/cancel.ts';
import { checkSuite } from '../../oracle/derivation.ts';
import { sameInstant, toInstant } from '../../oracle/instants.ts';
import { failRule } from '../rule-failure.ts';
import { expectStatus, runsOf, scenario, sleep, suiteBody, type Rec } from '../support.ts';

/** Between two worker moves: the target's clock (milliseconds at least) must move. */
const APART_MS = 3;
const MOVES: AdvanceMove[] = [
  { to: 'completed', verdict: 'passed' },
  { to: 'failed', error: 'Upstream timeout' },
  { to: 'completed', verdict: 'failed' },
  { to: 'completed', verdict: 'passed' },
];

async function make(ctx: CheckContext, children: ChildSpec[]): Promise<{ suite: Rec; exchange: Exchange }> {
  const exchange = await ctx.control!.createSuite({ children });
  const suite = suiteBody(exchange, 201, 'the control interface made no suite', 'controlCreateSuiteRun');
  ctx.own.add(String(suite.id));
  return { suite, exchange };
}

/** Ends the children at `order`, APART_MS apart; returns each move's answer. */
async function endOneByOne(ctx: CheckContext, suite: Rec, order: number[]): Promise<Exchange[]> {
  const runs = runsOf(suite);
  const answers: Exchange[] = [];
  for (const [step, index] of order.entries()) {
    await sleep(APART_MS);
    const exchange = await ctx.control!.advance(String(runs[index]!.id), MOVES[step % MOVES.length]!);
    expectStatus(exchange, 200, `a worker ending child ${index}`, 'controlAdvanceRun');
    answers.push(exchange);
  }
  return answers;
}

function judge(what: string, body: Rec, exchanges: Exchange[], operation: string): void {
  const broken = checkSuite(body, 'with-runs');
  if (broken.length)
    failRule(broken[0]!.rule, `${what}: ${broken.map((v) => v.message).join('; ')}`, exchanges, operation);
}

async function endInOrder(ctx: CheckContext, label: string, order: number[]): Promise<void> {
  const { suite } = await make(
    ctx,
    order.map(() => ({ status: 'running' })),
  );
  const moves = await endOneByOne(ctx, suite, order);
  const getEx = await ctx.api.getSuiteRun(String(suite.id));
  const read = suiteBody(getEx, 200, `GET of a suite whose children ended ${label}`, 'getSuiteRun');
  const what = `a suite whose ${order.length} children ended ${label}, ${APART_MS} ms apart`;
  runsOf(read).forEach((run, i) => {
    const move = moves[order.indexOf(i)]!;
    if (!sameInstant(run.ended_at, (move.json as Rec | undefined)?.ended_at))
      failRule(
        'child-instant',
        `${what}: child ${i} reads ended_at ${String(run.ended_at)}, the worker's move answered ${String((move.json as Rec | undefined)?.ended_at)}`,
        [move, getEx],
        'getSuiteRun',
      );
  });
  judge(what, read, [...moves, getEx], 'getSuiteRun');
  const last = (moves[moves.length - 1]!.json as Rec | undefined)?.ended_at;
  if (!sameInstant(read.ended_at, last))
    failRule(
      'ended-at-latest',
      `${what}: the suite ended_at is ${String(read.ended_at)}, the latest child ended at ${String(last)} (child ${order[order.length - 1]})`,
      [...moves, getEx],
      'getSuiteRun',
    );
}

async function cancelAfterSomeEnded(ctx: CheckContext): Promise<void> {
  const { suite } = await make(ctx, [
    { status: 'running' },
    { status: 'running' },
    { status: 'running' },
    { status: 'pending' },
    { status: 'running' },
  ]);
  const moves = await endOneByOne(ctx, suite, [1, 0]);
  const beforeEx = await ctx.api.getSuiteRun(String(suite.id));
  const before = suiteBody(beforeEx, 200, 'GET of a suite two of whose children ended', 'getSuiteRun');
  judge('a suite with 2 of 5 children ended at different instants', before, [...moves, beforeEx], 'getSuiteRun');
  await sleep(APART_MS);
  const cancelEx = await ctx.api.cancelSuiteRun(String(suite.id));
  const after = suiteBody(cancelEx, 200, 'cancel of a suite two of whose children ended', 'cancelSuiteRun');
  const what = `cancel of a suite whose children 1 and 0 ended ${APART_MS} ms apart before it`;
  const rules = checkCancel(before, after);
  if (rules.length)
    failRule(
      rules[0]!.rule,
      `${what}: ${rules.map((v) => v.message).join('; ')}`,
      [beforeEx, cancelEx],
      'cancelSuiteRun',
    );
  judge(what, after, [cancelEx], 'cancelSuiteRun');
  const endOf = (move: Exchange) => toInstant((move.json as Rec | undefined)?.ended_at) ?? 0n;
  const ended = endOf(moves[1]!);
  // A target whose clock told the two moves apart tells the cancel apart too; one that keeps
  // coarser instants (whole seconds) may stamp the cancel with the same instant, never an earlier one.
  const resolves = ended > endOf(moves[0]!);
  const stamped = runsOf(after)
    .filter((_, i) => i >= 2)
    .map((run) => toInstant(run.ended_at) ?? 0n);
  if (stamped.some((at) => at < ended || (resolves && at === ended))) {
    failRule(
      'cancel-instant',
      `${what}: the cancelled children read ended_at ${String(runsOf(after)[2]?.ended_at)}, not later than child 0's end (${String((moves[1]!.json as Rec | undefined)?.ended_at)}), which came ${APART_MS} ms before the cancel`,
      [moves[1]!, cancelEx],
      'cancelSuiteRun',
    );
  }
}

export async function childrenEndApart(ctx: CheckContext): Promise<void> {
  await scenario(ctx, () => endInOrder(ctx, 'in creation order', [0, 1, 2, 3]));
  await scenario(ctx, () => endInOrder(ctx, 'in reverse order', [3, 2, 1, 0]));
  await scenario(ctx, () => endInOrder(ctx, 'middle first', [1, 3, 0, 2]));
  await scenario(ctx, () => cancelAfterSomeEnded(ctx));
}
