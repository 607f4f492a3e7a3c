import type fc from 'fast-check';
import { toInstant } from '../../oracle/instants.ts';
import { checkSuite, expectedStatus, isRec } from '../../oracle/derivation.ts';
import { expectStatus, fail } from '../../checks/support.ts';
import type { Real, SuiteModel } from '../model.ts';
import { ruleId } from '../../oracle/rules.ts';

/** Lists suites: the page is newest first by created_at and this run's suites on it read as the model says. */
export class ListSuitesCommand implements fc.AsyncCommand<SuiteModel, Real> {
  check(): boolean {
    return true;
  }

  async run(model: SuiteModel, ctx: Real): Promise<void> {
    const exchange = await ctx.api.listSuiteRuns({ limit: 50 });
    const page = expectStatus(exchange, 200, String(this), 'listSuiteRuns');
    const items = Array.isArray(page.suite_runs) ? page.suite_runs.filter(isRec) : [];
    const positions = model.suites.map((suite) => items.findIndex((item) => item.id === suite.id));
    // Newest first by the created_at the page shows (equal instants in any order), never by the
    // order this run made them: a control interface may give a later suite an earlier created_at.
    for (let i = 1; i < items.length; i++) {
      const [newer, older] = [toInstant(items[i - 1]!.created_at), toInstant(items[i]!.created_at)];
      if (newer !== undefined && older !== undefined && older > newer) {
        fail(
          `${this}: ${String(items[i]!.id)} (created ${String(items[i]!.created_at)}) is listed after ${String(items[i - 1]!.id)} (created ${String(items[i - 1]!.created_at)}): not newest first`,
          [exchange],
          'listSuiteRuns',
        );
      }
    }
    model.suites.forEach((suite, made) => {
      const item = items[positions[made]!];
      if (!item) return;
      const status = expectedStatus(suite.children.map((c) => c.status));
      if (item.status !== status || item.total !== suite.children.length) {
        fail(
          `${this}: suite ${made} is listed as ${JSON.stringify(item.status)} with total ${JSON.stringify(item.total)}; its children make it ${status} with total ${suite.children.length}`,
          [exchange],
          'listSuiteRuns',
        );
      }
      const broken = checkSuite(item, 'list-item');
      if (broken.length)
        fail(
          `${this}: suite ${made}: ${broken.map((v) => v.message).join('; ')}`,
          [exchange],
          'listSuiteRuns',
          ruleId(broken[0]!.rule),
        );
    });
  }

  toString(): string {
    return 'ListSuites()';
  }
}
