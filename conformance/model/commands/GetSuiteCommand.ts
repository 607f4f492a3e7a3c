import { checkSuite } from '../../oracle/derivation.ts';
import { fail, suiteBody } from '../../checks/support.ts';
import { matchSuite, type Real, type SuiteModel } from '../model.ts';
import { OnSuiteCommand } from './OnSuiteCommand.ts';
import { ruleId } from '../../oracle/rules.ts';

/** Reads a suite: its children agree with the model and it satisfies every derivation rule. */
export class GetSuiteCommand extends OnSuiteCommand {
  async run(model: SuiteModel, ctx: Real): Promise<void> {
    const { index, suite } = this.pickSuite(model);
    this.label = `GetSuite(suite ${index})`;
    const exchange = await ctx.api.getSuiteRun(suite.id);
    const body = suiteBody(exchange, 200, this.label, 'getSuiteRun');
    matchSuite(suite, body, exchange, this.label);
    if ((body.parent_suite_run_id ?? null) !== suite.parentId) {
      fail(
        `${this.label}: parent_suite_run_id is ${JSON.stringify(body.parent_suite_run_id)}, expected ${JSON.stringify(suite.parentId)}`,
        [exchange],
        'getSuiteRun',
      );
    }
    const broken = checkSuite(body, 'with-runs');
    if (broken.length)
      fail(
        `${this.label}: ${broken.map((v) => v.message).join('; ')}`,
        [exchange],
        'getSuiteRun',
        ruleId(broken[0]!.rule),
      );
  }

  protected unresolvedName(): string {
    return `GetSuite(suite #${this.suitePick})`;
  }
}
