import type { AdvanceMove } from '../../control.ts';
import { legalMove } from '../../checks/idempotency/races.ts';
import { describeAnswer, expectStatus, fail } from '../../checks/support.ts';
import { matchFrozen, pick, type Real, type SuiteModel } from '../model.ts';
import { OnSuiteCommand } from './OnSuiteCommand.ts';

/** A worker moves one child: a legal move must succeed, any other must be 409 and change nothing. */
export class AdvanceChildCommand extends OnSuiteCommand {
  constructor(
    suitePick: number,
    readonly childPick: number,
    readonly movePick: number,
  ) {
    super(suitePick);
  }

  async run(model: SuiteModel, ctx: Real): Promise<void> {
    const { index: suiteIndex, suite } = this.pickSuite(model);
    const childIndex = this.childPick % suite.children.length;
    const child = pick(suite.children, this.childPick);
    const legal = legalMove(child.status, this.movePick);
    const move: AdvanceMove = legal ?? { to: 'running' };
    this.label = `Advance(suite ${suiteIndex}, child ${childIndex}: ${child.status} -> ${move.to}${move.verdict ? `/${move.verdict}` : ''})`;
    const exchange = await ctx.control!.advance(child.id, move);
    if (!legal) {
      if (exchange.status !== 409)
        fail(
          `${this.label}: an illegal move from ${child.status} answered ${describeAnswer(exchange)}, expected 409`,
          [exchange],
          'controlAdvanceRun',
        );
      return;
    }
    const run = expectStatus(exchange, 200, this.label, 'controlAdvanceRun');
    if (run.status !== move.to)
      fail(`${this.label}: the run is ${JSON.stringify(run.status)} after the move`, [exchange], 'controlAdvanceRun');
    child.status = move.to;
    if (move.verdict) child.verdict = move.verdict;
    matchFrozen(child, run, exchange, this.label);
  }

  protected unresolvedName(): string {
    return `Advance(suite #${this.suitePick}, child #${this.childPick}, move #${this.movePick})`;
  }
}
