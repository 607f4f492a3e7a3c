import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suiteRunArb } from '../../test/support/domain-arbitraries.ts';
import { deriveSuite } from './derive.ts';
import { isRerunnable, planResubmit } from './resubmit.ts';
import { isTerminal } from './types.ts';

describe('planResubmit', () => {
  it('re-runs exactly the failed and failed-verdict children, in order, of a terminal suite', () => {
    fc.assert(
      fc.property(suiteRunArb(), (suite) => {
        const plan = planResubmit(suite);
        if (!isTerminal(deriveSuite(suite.runs).status)) {
          expect(plan).toEqual({ error: 'not_terminal' });
          return;
        }
        const expected = suite.runs.filter(
          (r) => r.status === 'failed' || (r.status === 'completed' && r.verdict === 'failed'),
        );
        if (expected.length === 0) expect(plan).toEqual({ error: 'nothing_to_rerun' });
        else expect(plan).toEqual({ ok: expected });
      }),
      { numRuns: 200 },
    );
  });

  it('passed and cancelled children are not re-run', () => {
    expect(isRerunnable({ status: 'completed', verdict: 'passed' } as never)).toBe(false);
    expect(isRerunnable({ status: 'cancelled', verdict: null } as never)).toBe(false);
    expect(isRerunnable({ status: 'failed', verdict: null } as never)).toBe(true);
    expect(isRerunnable({ status: 'completed', verdict: 'failed' } as never)).toBe(true);
  });
});
