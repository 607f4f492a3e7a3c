import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleRun, suiteRunArb, testRunArb } from '../../test/support/domain-arbitraries.ts';
import { deriveSuite } from './derive.ts';
import type { JobStatus, TestRun } from './types.ts';

const NUM_RUNS = 200;

const child = exampleRun;

describe('deriveSuite: examples', () => {
  it.each<[string, TestRun[], { status: JobStatus; verdict: 'passed' | 'failed' | null }]>([
    ['all pending reads running', [child('pending'), child('pending')], { status: 'running', verdict: null }],
    [
      'one running child keeps the suite running',
      [child('completed'), child('running')],
      { status: 'running', verdict: null },
    ],
    [
      'a cancelled child makes a finished suite cancelled',
      [child('completed'), child('cancelled'), child('failed')],
      { status: 'cancelled', verdict: null },
    ],
    [
      'a failed child (no cancelled) makes it failed',
      [child('completed'), child('failed')],
      { status: 'failed', verdict: null },
    ],
    ['all completed and passed', [child('completed'), child('completed')], { status: 'completed', verdict: 'passed' }],
    [
      'one failed verdict fails the verdict, not the status',
      [child('completed'), child('completed', { verdict: 'failed' })],
      { status: 'completed', verdict: 'failed' },
    ],
  ])('%s', (_name, children, expected) => {
    const derived = deriveSuite(children);
    expect({ status: derived.status, verdict: derived.verdict }).toEqual(expected);
  });

  it('ended_at is the latest child ended_at, not the last in order', () => {
    const derived = deriveSuite([
      child('completed', { ended_at: '2026-11-02T10:05:00.000Z' }),
      child('failed', { ended_at: '2026-11-02T10:01:00.000Z' }),
    ]);
    expect(derived.ended_at).toBe('2026-11-02T10:05:00.000Z');
  });

  it('results split completed children by verdict and ignore failed runs', () => {
    const derived = deriveSuite([
      child('completed'),
      child('completed', { verdict: 'failed' }),
      child('failed'),
      child('failed'),
    ]);
    expect(derived.results).toEqual({ passed: 1, failed: 1 });
    expect(derived.failed).toBe(2);
  });
});

describe('deriveSuite: properties over random child mixes', () => {
  it('counters count each status and sum to total; results sum to completed', () => {
    fc.assert(
      fc.property(fc.array(testRunArb(), { minLength: 1, maxLength: 40 }), (children) => {
        const d = deriveSuite(children);
        expect(d.total).toBe(children.length);
        expect(d.pending + d.running + d.completed + d.failed + d.cancelled).toBe(d.total);
        for (const status of ['pending', 'running', 'completed', 'failed', 'cancelled'] as const) {
          expect(d[status]).toBe(children.filter((c) => c.status === status).length);
        }
        expect(d.results.passed + d.results.failed).toBe(d.completed);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('status, verdict and ended_at follow the contract', () => {
    fc.assert(
      fc.property(suiteRunArb(), (suite) => {
        const d = deriveSuite(suite.runs);
        const statuses = new Set(suite.runs.map((r) => r.status));
        const unfinished = statuses.has('pending') || statuses.has('running');
        const expectedStatus = unfinished
          ? 'running'
          : statuses.has('cancelled')
            ? 'cancelled'
            : statuses.has('failed')
              ? 'failed'
              : 'completed';
        expect(d.status).toBe(expectedStatus);
        if (d.status !== 'completed') expect(d.verdict).toBeNull();
        else expect(d.verdict).toBe(suite.runs.every((r) => r.verdict === 'passed') ? 'passed' : 'failed');
        if (unfinished) expect(d.ended_at).toBeNull();
        else
          expect(d.ended_at).toBe(new Date(Math.max(...suite.runs.map((r) => Date.parse(r.ended_at!)))).toISOString());
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
