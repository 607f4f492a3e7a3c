import type fc from 'fast-check';
import { isTerminal } from '../../oracle/derivation.ts';
import { expectStatus, fail } from '../../checks/support.ts';
import { matchFrozen, type Real, type SuiteModel } from '../model.ts';

/** Cancels one child: active -> cancelled, terminal -> answered unchanged. */
export class CancelChildCommand implements fc.AsyncCommand<SuiteModel, Real> {
  private label = '';

  constructor(readonly suitePick: number, readonly childPick: number) {}

  check(model: Readonly<SuiteModel>): boolean {
    return model.suites.length > 0;
  }

  async run(model: SuiteModel, ctx: Real): Promise<void> {
    const suiteIndex = this.suitePick % model.suites.length;
    const suite = model.suites[suiteIndex]!;
    const childIndex = this.childPick % suite.children.length;
    const child = suite.children[childIndex]!;
    this.label = `CancelChild(suite ${suiteIndex}, child ${childIndex}, ${child.status})`;
    const exchange = await ctx.api.cancelTestRun(child.id);
    const run = expectStatus(exchange, 200, this.label, 'cancelTestRun');
    if (!isTerminal(child.status)) child.status = 'cancelled';
    if (run.status !== child.status) fail(`${this.label}: the run reads ${JSON.stringify(run.status)}, expected ${child.status}`, [exchange], 'cancelTestRun');
    matchFrozen(child, run, exchange, this.label);
  }

  toString(): string {
    return this.label || `CancelChild(suite #${this.suitePick}, child #${this.childPick})`;
  }
}
