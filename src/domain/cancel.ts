// Cancel at one instant. Terminal is final: a terminal run or suite comes back as the very
// same object, which is how callers (and tests) know that nothing changed.
import { deriveSuite } from './derive.ts';
import type { SuiteRun, TestRun } from './types.ts';
import { isTerminal } from './types.ts';

export function cancelRun(run: TestRun, atIso: string): TestRun {
  if (isTerminal(run.status)) return run;
  // started_at is kept: a run cancelled while running did start; one cancelled while pending did not.
  const { error: _never, ...rest } = run;
  return { ...rest, status: 'cancelled', verdict: null, result: null, ended_at: atIso };
}

export function cancelSuite(suite: SuiteRun, atIso: string): SuiteRun {
  if (isTerminal(deriveSuite(suite.runs).status)) return suite;
  return { ...suite, runs: suite.runs.map((run) => cancelRun(run, atIso)) };
}
