import { checkCancel } from '../../oracle/cancel.ts';
import { checkSuite, isTerminal } from '../../oracle/derivation.ts';
import { fail, suiteBody } from '../../checks/support.ts';
import { matchSuite, type Real, type SuiteModel } from '../model.ts';
import { OnSuiteCommand } from './OnSuiteCommand.ts';
import { ruleId } from '../../oracle/rules.ts';

/** Cancels a suite: the model cancels its active children; the answer must agree. */
export class CancelSuiteCommand extends OnSuiteCommand {
  async run(model: SuiteModel, ctx: Real): Promise<void> {
    const { index, suite } = this.pickSuite(model);
    this.label = `CancelSuite(suite ${index})`;
    const before = {
      runs: suite.children.map((c) => c.frozen ?? { id: c.id, status: c.status, started_at: undefined }),
    };
    const exchange = await ctx.api.cancelSuiteRun(suite.id);
    const body = suiteBody(exchange, 200, this.label, 'cancelSuiteRun');
    for (const child of suite.children) if (!isTerminal(child.status)) child.status = 'cancelled';
    matchSuite(suite, body, exchange, this.label);
    const oneInstant = checkCancel(before, body).filter((v) => v.rule === 'one-instant');
    const broken = [...oneInstant, ...checkSuite(body, 'with-runs')];
    if (broken.length)
      fail(
        `${this.label}: ${broken.map((v) => v.message).join('; ')}`,
        [exchange],
        'cancelSuiteRun',
        ruleId(broken[0]!.rule),
      );
  }

  protected unresolvedName(): string {
    return `CancelSuite(suite #${this.suitePick})`;
  }
}
