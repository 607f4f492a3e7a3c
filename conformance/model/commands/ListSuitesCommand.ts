import type fc from 'fast-check';
import { checkSuite, expectedStatus, isRec } from '../../oracle/derivation.ts';
import { expectStatus, fail } from '../../checks/support.ts';
import type { Real, SuiteModel } from '../model.ts';
import { ruleId } from '../../oracle/rules.ts';

/** Lists suites: this run's suites on the page are newest first and read as the model says. */
export class ListSuitesCommand implements fc.AsyncCommand<SuiteModel, Real> {
  check(): boolean {
    return true;
  }

  async run(model: SuiteModel, ctx: Real): Promise<void> {
    const exchange = await ctx.api.listSuiteRuns({ limit: 50 });
    const page = expectStatus(exchange, 200, String(this), 'listSuiteRuns');
    const items = Array.isArray(page.suite_runs) ? page.suite_runs.filter(isRec) : [];
    const positions = model.suites.map((suite) => items.findIndex((item) => item.id === suite.id));
    // Made later -> listed earlier (newest first), for the suites that are on this page.
    const shown = positions.map((at, made) => ({ at, made })).filter((p) => p.at >= 0);
    for (let i = 1; i < shown.length; i++) {
      if (shown[i]!.at > shown[i - 1]!.at) fail(`${this}: suite ${shown[i]!.made} was made after suite ${shown[i - 1]!.made} but is listed after it (newest first)`, [exchange], 'listSuiteRuns');
    }
    model.suites.forEach((suite, made) => {
      const item = items[positions[made]!];
      if (!item) return;
      const status = expectedStatus(suite.children.map((c) => c.status));
      if (item.status !== status || item.total !== suite.children.length) {
        fail(`${this}: suite ${made} is listed as ${JSON.stringify(item.status)} with total ${JSON.stringify(item.total)}; its children make it ${status} with total ${suite.children.length}`, [exchange], 'listSuiteRuns');
      }
      const broken = checkSuite(item, 'list-item');
      if (broken.length) fail(`${this}: suite ${made}: ${broken.map((v) => v.message).join('; ')}`, [exchange], 'listSuiteRuns', ruleId(broken[0]!.rule));
    });
  }

  toString(): string {
    return 'ListSuites()';
  }
}
