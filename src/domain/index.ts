// The pure domain: data in, data out. No Express, no clock, no I/O.
export * from './types.ts';
export { deriveSuite } from './derive.ts';
export { cancelRun, cancelSuite } from './cancel.ts';
export { advanceRun, type RunMove, type AdvanceOutcome, type AdvanceRefusal } from './advance.ts';
export { planResubmit, isRerunnable, type ResubmitPlan } from './resubmit.ts';
export { makeResult } from './results.ts';
export { presentTestRun, presentSuiteChild, presentSuite, presentSuiteWithRuns, type NameLookup } from './present.ts';
