import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cancelInstantArb, suiteRunArb, testRunArb } from '../../test/support/domain-arbitraries.ts';
import { cancelRun, cancelSuite } from './cancel.ts';
import { deriveSuite } from './derive.ts';
import { isTerminal } from './types.ts';

const NUM_RUNS = 200;

describe('cancelRun', () => {
  it('a pending or running run becomes cancelled at the instant, started_at kept, verdict and result null', () => {
    fc.assert(
      fc.property(testRunArb(), cancelInstantArb, (run, at) => {
        const after = cancelRun(run, at);
        if (isTerminal(run.status)) {
          expect(after).toBe(run);
          return;
        }
        expect(after).toMatchObject({
          status: 'cancelled',
          ended_at: at,
          verdict: null,
          result: null,
          started_at: run.started_at,
        });
        expect(after).not.toHaveProperty('error');
        expect({ ...after, status: run.status, ended_at: run.ended_at }).toEqual(run);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('cancelSuite: properties over random child mixes', () => {
  it('leaves terminal children byte-for-byte unchanged and cancels every other child at one instant', () => {
    fc.assert(
      fc.property(suiteRunArb(), cancelInstantArb, (suite, at) => {
        const before = JSON.stringify(suite);
        const after = cancelSuite(suite, at);
        expect(JSON.stringify(suite)).toBe(before); // the input is never mutated
        expect(after.runs.map((r) => r.id)).toEqual(suite.runs.map((r) => r.id));
        const wasTerminal = isTerminal(deriveSuite(suite.runs).status);
        suite.runs.forEach((child, i) => {
          const next = after.runs[i]!;
          if (isTerminal(child.status) || wasTerminal) {
            expect(JSON.stringify(next)).toBe(JSON.stringify(child));
          } else {
            expect(next.status).toBe('cancelled');
            expect(next.ended_at).toBe(at);
            expect(next.started_at).toBe(child.started_at);
          }
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a running suite reads cancelled afterwards; a terminal suite comes back as the same object', () => {
    fc.assert(
      fc.property(suiteRunArb(), cancelInstantArb, (suite, at) => {
        const status = deriveSuite(suite.runs).status;
        const after = cancelSuite(suite, at);
        if (status === 'running') expect(deriveSuite(after.runs).status).toBe('cancelled');
        else expect(after).toBe(suite);
        const derived = deriveSuite(after.runs);
        expect(derived.pending + derived.running + derived.completed + derived.failed + derived.cancelled).toBe(
          derived.total,
        );
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a second cancel, at a later instant, changes nothing', () => {
    fc.assert(
      fc.property(suiteRunArb(), cancelInstantArb, cancelInstantArb, (suite, first, second) => {
        const once = cancelSuite(suite, first);
        const twice = cancelSuite(once, second);
        expect(twice).toBe(once);
        expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
