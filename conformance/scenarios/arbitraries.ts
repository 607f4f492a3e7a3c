// Generated suites: any mix of children in every status, verdict and error, from 1 child up to
// the control interface's 1,000. Shrinking goes toward fewer children, and toward `pending` (the
// first alternative) for each child.
import fc from 'fast-check';
import type { ChildSpec, SuiteSpec } from '../control.ts';

const ERRORS = ['Upstream timeout', 'Agent unreachable', 'Judge crashed'];

const pending = fc.constant<ChildSpec>({ status: 'pending' });
const running = fc.constant<ChildSpec>({ status: 'running' });
const completed = fc
  .constantFrom<'passed' | 'failed'>('passed', 'failed')
  .map<ChildSpec>((verdict) => ({ status: 'completed', verdict }));
const failed = fc
  .option(fc.constantFrom(...ERRORS), { nil: undefined })
  .map<ChildSpec>((error) => (error ? { status: 'failed', error } : { status: 'failed' }));
const cancelled = fc.constant<ChildSpec>({ status: 'cancelled' });

export const childArb: fc.Arbitrary<ChildSpec> = fc.oneof(pending, running, completed, failed, cancelled);
export const terminalChildArb: fc.Arbitrary<ChildSpec> = fc.oneof(completed, failed, cancelled);
const activeChildArb: fc.Arbitrary<ChildSpec> = fc.oneof(pending, running);

/** The control interface makes suites of at most this many children. */
export const MAX_CHILDREN = 1000;
/** Sizes where counting, paging and batching bugs live: around 100 and 256, and the limit. */
export const EDGE_SIZES = [99, 100, 101, 255, 256, 257, MAX_CHILDREN] as const;

/**
 * Children by design, not by luck (fast-check's size bias alone never goes past about 10): most
 * runs up to 12 or up to 60, and one run in 15 at an edge size up to the limit. An edge-sized
 * suite repeats a generated pattern of up to 7 children, so that shrinking works on the pattern
 * (and on the size, toward 99) instead of on a thousand children one at a time.
 */
function childrenOf(child: fc.Arbitrary<ChildSpec>): fc.Arbitrary<ChildSpec[]> {
  const edge = fc
    .tuple(fc.constantFrom(...EDGE_SIZES), fc.array(child, { minLength: 1, maxLength: 7 }))
    .map(([n, pattern]) => Array.from({ length: n }, (_, i) => pattern[i % pattern.length]!));
  return fc.oneof(
    { weight: 12, arbitrary: fc.array(child, { minLength: 1, maxLength: 12 }) },
    { weight: 2, arbitrary: fc.array(child, { minLength: 13, maxLength: 60, size: 'max' }) },
    { weight: 1, arbitrary: edge },
  );
}

function suiteOf(children: fc.Arbitrary<ChildSpec[]>): fc.Arbitrary<SuiteSpec> {
  return fc.record({ trigger: fc.constantFrom<'run_all' | 'batch'>('run_all', 'batch'), children });
}

/** Any suite: 1 to 1,000 children of any status. */
export const suiteSpecArb = suiteOf(childrenOf(childArb));

/** A terminal suite: often every child completed (a completed suite), else any terminal mix. */
export const terminalSuiteSpecArb = suiteOf(fc.oneof(childrenOf(completed), childrenOf(terminalChildArb)));

/** A suite with at least one child a cancel (or a worker) can still move. */
export const activeSuiteSpecArb = suiteOf(
  fc.tuple(childrenOf(childArb), activeChildArb, fc.nat()).map(([others, active, at]) => {
    // Stays within the limit: the active child takes the place of one of the others.
    const children = others.length >= MAX_CHILDREN ? others.slice(1) : [...others];
    children.splice(at % (children.length + 1), 0, active);
    return children;
  }),
);

/** Short label of a spec for messages: "3 children: pending, completed/passed, failed". */
export function describeSpec(spec: SuiteSpec): string {
  const label = (c: ChildSpec) => (c.status === 'completed' ? `completed/${c.verdict}` : c.status);
  if (spec.children.length <= 12)
    return `${spec.trigger ?? 'run_all'} suite of ${spec.children.length}: ${spec.children.map(label).join(', ')}`;
  const counts = new Map<string, number>();
  for (const child of spec.children) counts.set(label(child), (counts.get(label(child)) ?? 0) + 1);
  return `${spec.trigger ?? 'run_all'} suite of ${spec.children.length}: ${[...counts].map(([what, n]) => `${n} ${what}`).join(', ')}`;
}
