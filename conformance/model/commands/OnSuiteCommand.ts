import type fc from 'fast-check';
import type { ModelSuite, Real, SuiteModel } from '../model.ts';

/**
 * What the commands acting on one of this run's suites share: the suite is named by a position
 * drawn by fast-check and resolved in `run` (the model grows as the sequence runs), and the step
 * is named after the suite it resolved to, so a failure report reads `CancelSuite(suite 2)`.
 */
export abstract class OnSuiteCommand implements fc.AsyncCommand<SuiteModel, Real> {
  protected label = '';

  constructor(readonly suitePick: number) {}

  check(model: Readonly<SuiteModel>): boolean {
    return model.suites.length > 0;
  }

  protected pickSuite(model: SuiteModel): { index: number; suite: ModelSuite } {
    const index = this.suitePick % model.suites.length;
    return { index, suite: model.suites[index]! };
  }

  abstract run(model: SuiteModel, ctx: Real): Promise<void>;

  /** The step's name before it ran, when no suite is resolved yet. */
  protected abstract unresolvedName(): string;

  toString(): string {
    return this.label || this.unresolvedName();
  }
}
