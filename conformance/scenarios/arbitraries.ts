// Generated suites: any mix of 1 to 60 children in every status, verdict and error. Shrinking
// goes toward fewer children, and toward `pending` (the first alternative) for each child.
import fc from 'fast-check';
import type { ChildSpec, SuiteSpec } from '../control.ts';

const ERRORS = ['Upstream timeout', 'Agent unreachable', 'Judge crashed'];

const pending = fc.constant<ChildSpec>({ status: 'pending' });
const running = fc.constant<ChildSpec>({ status: 'running' });
const completed = fc.constantFrom<'passed' | 'failed'>('passed', 'failed').map<ChildSpec>((verdict) => ({ status: 'completed', verdict }));
const failed = fc.option(fc.constantFrom(...ERRORS), { nil: undefined }).map<ChildSpec>((error) => (error ? { status: 'failed', error } : { status: 'failed' }));
const cancelled = fc.constant<ChildSpec>({ status: 'cancelled' });

export const childArb: fc.Arbitrary<ChildSpec> = fc.oneof(pending, running, completed, failed, cancelled);
export const terminalChildArb: fc.Arbitrary<ChildSpec> = fc.oneof(completed, failed, cancelled);
export const activeChildArb: fc.Arbitrary<ChildSpec> = fc.oneof(pending, running);

export const MAX_CHILDREN = 60;

function suiteOf(children: fc.Arbitrary<ChildSpec[]>): fc.Arbitrary<SuiteSpec> {
  return fc.record({ trigger: fc.constantFrom<'run_all' | 'batch'>('run_all', 'batch'), children });
}

/** Any suite: 1 to 60 children of any status. */
export const suiteSpecArb = suiteOf(fc.array(childArb, { minLength: 1, maxLength: MAX_CHILDREN }));

/** A terminal suite: often every child completed (a completed suite), else any terminal mix. */
export const terminalSuiteSpecArb = suiteOf(
  fc.oneof(
    fc.array(completed, { minLength: 1, maxLength: MAX_CHILDREN }),
    fc.array(terminalChildArb, { minLength: 1, maxLength: MAX_CHILDREN }),
  ),
);

/** A suite with at least one child a cancel (or a worker) can still move. */
export const activeSuiteSpecArb = suiteOf(
  fc
    .tuple(fc.array(childArb, { maxLength: MAX_CHILDREN - 1 }), activeChildArb, fc.nat())
    .map(([others, active, at]) => {
      const children = [...others];
      children.splice(at % (others.length + 1), 0, active);
      return children;
    }),
);

/** Short label of a spec for messages: "3 children: pending, completed/passed, failed". */
export function describeSpec(spec: SuiteSpec): string {
  const label = (c: ChildSpec) => (c.status === 'completed' ? `completed/${c.verdict}` : c.status);
  return `${spec.trigger ?? 'run_all'} suite of ${spec.children.length}: ${spec.children.map(label).join(', ')}`;
}
