import { isTerminal } from '../../oracle/derivation.ts';
import { expectStatus, fail } from '../../checks/support.ts';
import { matchFrozen, type Real, type SuiteModel } from '../model.ts';
import { OnSuiteCommand } from './OnSuiteCommand.ts';

/** Cancels one child: active -> cancelled, terminal -> answered unchanged. */
export class CancelChildCommand extends OnSuiteCommand {
  constructor(
    suitePick: number,
    readonly childPick: number,
  ) {
    super(suitePick);
  }

  async run(model: SuiteModel, ctx: Real): Promise<void> {
    const { index: suiteIndex, suite } = this.pickSuite(model);
    const childIndex = this.childPick % suite.children.length;
    const child = suite.children[childIndex]!;
    this.label = `CancelChild(suite ${suiteIndex}, child ${childIndex}, ${child.status})`;
    const exchange = await ctx.api.cancelTestRun(child.id);
    const run = expectStatus(exchange, 200, this.label, 'cancelTestRun');
    if (!isTerminal(child.status)) child.status = 'cancelled';
    if (run.status !== child.status)
      fail(
        `${this.label}: the run reads ${JSON.stringify(run.status)}, expected ${child.status}`,
        [exchange],
        'cancelTestRun',
      );
    matchFrozen(child, run, exchange, this.label);
  }

  protected unresolvedName(): string {
    return `CancelChild(suite #${this.suitePick}, child #${this.childPick})`;
  }
}
