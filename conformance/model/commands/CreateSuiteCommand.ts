import type fc from 'fast-check';
import type { ChildSpec } from '../../control.ts';
import { checkSuite } from '../../oracle/derivation.ts';
import { fail, suiteBody } from '../../checks/support.ts';
import { matchSuite, modelChildren, type Real, type SuiteModel } from '../model.ts';
import { ruleId } from '../../oracle/rules.ts';

/** Makes a suite with the given children through the control interface. */
export class CreateSuiteCommand implements fc.AsyncCommand<SuiteModel, Real> {
  constructor(readonly children: ChildSpec[]) {}

  check(model: Readonly<SuiteModel>): boolean {
    return model.suites.length < 4;
  }

  async run(model: SuiteModel, ctx: Real): Promise<void> {
    const exchange = await ctx.control!.createSuite({ children: this.children });
    const body = suiteBody(exchange, 201, `${this}: the control interface made no suite`, 'controlCreateSuiteRun');
    ctx.own.add(String(body.id));
    const suite = { id: String(body.id), parentId: null, children: modelChildren(body) };
    const asked = {
      ...suite,
      children: suite.children.map((c, i) => ({
        ...c,
        status: this.children[i]?.status ?? c.status,
        ...(this.children[i]?.verdict ? { verdict: this.children[i]!.verdict } : {}),
      })),
    };
    matchSuite(asked, body, exchange, String(this));
    const broken = checkSuite(body, 'with-runs');
    if (broken.length)
      fail(
        `${this}: ${broken.map((v) => v.message).join('; ')}`,
        [exchange],
        'controlCreateSuiteRun',
        ruleId(broken[0]!.rule),
      );
    model.suites.push(suite);
  }

  toString(): string {
    return `CreateSuite(${this.children.map((c) => (c.status === 'completed' ? `completed/${c.verdict}` : c.status)).join(', ')})`;
  }
}
