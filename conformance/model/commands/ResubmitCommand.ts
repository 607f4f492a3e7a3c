import { isTerminal } from '../../oracle/derivation.ts';
import { describeAnswer, expectError, fail, runsOf, suiteBody } from '../../checks/support.ts';
import { modelChildren, type Real, type SuiteModel } from '../model.ts';
import { OnSuiteCommand } from './OnSuiteCommand.ts';

/** Resubmits a suite: 409 while it runs, 400 with nothing to re-run, else a new suite of its failures. */
export class ResubmitCommand extends OnSuiteCommand {
  async run(model: SuiteModel, ctx: Real): Promise<void> {
    const { index, suite } = this.pickSuite(model);
    this.label = `Resubmit(suite ${index})`;
    const exchange = await ctx.api.resubmitSuiteRun(suite.id);
    if (suite.children.some((c) => !isTerminal(c.status))) {
      return expectError(exchange, 409, ['conflict'], `${this.label} of a suite still running`, 'resubmitSuiteRun');
    }
    const rerun = suite.children.filter(
      (c) => c.status === 'failed' || (c.status === 'completed' && c.verdict === 'failed'),
    );
    if (!rerun.length)
      return expectError(
        exchange,
        400,
        ['bad_request'],
        `${this.label} of a suite with nothing to re-run`,
        'resubmitSuiteRun',
      );
    const body = suiteBody(exchange, 202, this.label, 'resubmitSuiteRun');
    ctx.own.add(String(body.id));
    const runs = runsOf(body);
    const tests = runs.map((r) => r.test_id).join(',');
    const expected = rerun.map((c) => c.testId).join(',');
    if (tests !== expected || runs.some((r) => r.status !== 'pending')) {
      fail(
        `${this.label}: the new suite runs tests [${tests}] (${describeAnswer(exchange)}); expected the failed ones, pending, in order: [${expected}]`,
        [exchange],
        'resubmitSuiteRun',
      );
    }
    if (body.parent_suite_run_id !== suite.id)
      fail(
        `${this.label}: parent_suite_run_id is ${JSON.stringify(body.parent_suite_run_id)}, expected ${suite.id}`,
        [exchange],
        'resubmitSuiteRun',
      );
    model.suites.push({ id: String(body.id), parentId: suite.id, children: modelChildren(body) });
  }

  protected unresolvedName(): string {
    return `Resubmit(suite #${this.suitePick})`;
  }
}
