import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countersOf } from '../testing/blind-spot-helpers.ts';
import { checkSuite, expectedStatus, type DerivationRule, type RepresentationKind } from './derivation.ts';

type Child = {
  status: string;
  verdict?: string | null;
  ended_at?: string | null;
  started_at?: string | null;
  error?: string;
  result?: unknown;
};

function child(status: string, verdict: string | null = null, endedAt = '2026-11-02T10:00:05.000Z'): Child {
  const terminal = status === 'completed' || status === 'failed' || status === 'cancelled';
  return {
    status,
    verdict: status === 'completed' ? (verdict ?? 'passed') : null,
    result: status === 'completed' ? { passed: verdict !== 'failed' } : null,
    started_at: status === 'pending' ? null : '2026-11-02T10:00:01.000Z',
    ended_at: terminal ? endedAt : null,
    ...(status === 'failed' ? { error: 'boom' } : {}),
  };
}

/**
 * The suite status, derived apart from the oracle (which scans for each status in turn): each
 * child status has a rank, the suite takes the name of the lowest rank present. The table
 * below pins it to hand-written answers.
 */
const RANK: Record<string, number> = { pending: 0, running: 0, cancelled: 1, failed: 2, completed: 3 };
const BY_RANK = ['running', 'cancelled', 'failed', 'completed'];
function rankedStatus(statuses: string[]): string {
  return BY_RANK[Math.min(...statuses.map((s) => RANK[s]!))]!;
}

/**
 * Hand-written from CONTRACT.md ("status: running while any child is pending or running; else cancelled ...;
 * else failed ...; else completed").
 */
const STATUS_CASES: [string[], string][] = [
  [['pending'], 'running'],
  [['running'], 'running'],
  [['completed'], 'completed'],
  [['failed'], 'failed'],
  [['cancelled'], 'cancelled'],
  [['completed', 'completed'], 'completed'],
  [['completed', 'failed'], 'failed'],
  [['failed', 'completed', 'cancelled'], 'cancelled'],
  [['cancelled', 'failed'], 'cancelled'],
  [['completed', 'pending'], 'running'],
  [['cancelled', 'running'], 'running'],
  [['failed', 'failed', 'pending', 'cancelled'], 'running'],
  [['completed', 'completed', 'failed', 'completed'], 'failed'],
  [['completed', 'cancelled', 'completed'], 'cancelled'],
];

/** A suite derived by hand from the contract's rules, with no help from the oracle (which must accept it). */
function suite(runs: Child[], extra: Record<string, unknown> = {}) {
  const completed = runs.filter((r) => r.status === 'completed');
  const status = rankedStatus(runs.map((r) => r.status));
  const ended = runs.every((r) => r.ended_at)
    ? runs
        .map((r) => r.ended_at!)
        .sort()
        .at(-1)!
    : null;
  return {
    id: 'srun_01M6DV7580JHH3VXH3J1Z0NDTA',
    agent_id: 'agent_01M6DQS9M0F4B65HPSEG122Q51',
    agent_name: 'Support Concierge',
    trigger: 'run_all',
    status,
    verdict: status === 'completed' ? (completed.every((r) => r.verdict === 'passed') ? 'passed' : 'failed') : null,
    ...countersOf(runs),
    ended_at: ended,
    runs,
    ...extra,
  };
}

const rules = (value: unknown, kind: RepresentationKind = 'with-runs') =>
  [...new Set(checkSuite(value, kind).map((v) => v.rule))].sort();

describe('the derivation oracle', () => {
  it.each(STATUS_CASES)("derives %j as %s, as do the tests' own derivation and the oracle's", (statuses, status) => {
    expect(rankedStatus(statuses)).toBe(status);
    expect(expectedStatus(statuses)).toBe(status);
    expect(rules(suite(statuses.map((st) => child(st))))).toEqual([]);
  });

  it('rejects every status but the derived one, for any mix of children', () => {
    const statusArb = fc.constantFrom('pending', 'running', 'completed', 'failed', 'cancelled');
    fc.assert(
      fc.property(fc.array(statusArb, { minLength: 1, maxLength: 12 }), statusArb, (mix, claimed) => {
        const s = suite(mix.map((st) => child(st)));
        fc.pre(claimed !== s.status);
        expect(rules({ ...s, status: claimed })).toContain('status');
      }),
      { numRuns: 200 },
    );
  });

  it('accepts every suite derived by the rules, with runs and as a list item', () => {
    const status = fc.constantFrom('pending', 'running', 'completed', 'failed', 'cancelled');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(status, fc.constantFrom('passed', 'failed')), { minLength: 1, maxLength: 30 }),
        (mix) => {
          const s = suite(mix.map(([st, v]) => child(st, v)));
          expect(rules(s)).toEqual([]);
          const { runs: _runs, ...item } = s;
          expect(rules(item, 'list-item')).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  const broken: [string, DerivationRule, () => unknown][] = [
    ['a total that is not the number of children', 'counters', () => suite([child('pending')], { total: 2 })],
    ['a pending counter off by one', 'counters', () => suite([child('pending'), child('running')], { pending: 2 })],
    [
      'results counting failed runs instead of failed verdicts',
      'results',
      () => suite([child('completed', 'passed'), child('failed')], { results: { passed: 1, failed: 1 } }),
    ],
    [
      'completed although a child is cancelled',
      'status',
      () => suite([child('completed'), child('cancelled')], { status: 'completed', verdict: 'passed' }),
    ],
    [
      'failed while a child still runs',
      'status',
      () => suite([child('running'), child('failed')], { status: 'failed', ended_at: null }),
    ],
    [
      'a verdict on a running suite',
      'verdict',
      () => suite([child('running'), child('completed')], { verdict: 'passed' }),
    ],
    [
      'passed although a child failed its verdict',
      'verdict',
      () => suite([child('completed', 'passed'), child('completed', 'failed')], { verdict: 'passed' }),
    ],
    [
      'ended_at while a child runs',
      'ended-at',
      () => suite([child('running'), child('completed')], { ended_at: '2026-11-02T10:00:05.000Z' }),
    ],
    [
      'ended_at the earliest child instead of the latest',
      'ended-at',
      () =>
        suite(
          [child('completed', 'passed', '2026-11-02T10:00:05.000Z'), child('failed', null, '2026-11-02T10:00:09.000Z')],
          { ended_at: '2026-11-02T10:00:05.000Z' },
        ),
    ],
    [
      'a completed child without verdict',
      'child-fields',
      () => suite([{ ...child('completed'), verdict: null }], { verdict: 'failed' }),
    ],
    [
      'a failed child without error',
      'child-fields',
      () => {
        const c = child('failed');
        delete c.error;
        return suite([c]);
      },
    ],
    ['a running child without started_at', 'child-fields', () => suite([{ ...child('running'), started_at: null }])],
    [
      'agent_name while agent_id is null',
      'agent-name',
      () => suite([child('pending')], { agent_id: null, agent_name: 'X' }),
    ],
    ['agent_name missing on a read', 'agent-name', () => suite([child('pending')], { agent_name: null })],
  ];
  it.each(broken)('names rule %s -> %s', (_label, rule, make) => {
    expect(rules(make())).toContain(rule);
  });

  it('compares ended_at as instants, whatever the precision or offset', () => {
    const s = suite([child('completed', 'passed', '2026-11-02T10:00:05.000Z')], {
      ended_at: '2026-11-02T12:00:05.000000+02:00',
    });
    expect(rules(s)).toEqual([]);
  });

  it('requires agent_name null on the suite embedded in a creation answer', () => {
    const { runs: _r, ...item } = suite([child('pending')]);
    expect(rules(item, 'creation')).toEqual(['agent-name']);
    expect(rules({ ...item, agent_name: null }, 'creation')).toEqual([]);
  });

  it('requires agent_name null on the resubmit answer (a creation response) and still demands it on reads', () => {
    const resubmitted = suite([child('pending')]);
    expect(rules(resubmitted, 'created-with-runs')).toEqual(['agent-name']);
    expect(rules({ ...resubmitted, agent_name: null }, 'created-with-runs')).toEqual([]);
    expect(rules({ ...resubmitted, agent_name: null }, 'with-runs')).toEqual(['agent-name']);
    expect(rules({ ...resubmitted, runs: [child('pending')], pending: 0 }, 'created-with-runs')).toContain('counters');
  });

  it('judges a list item from its counters alone', () => {
    const { runs: _r, ...item } = suite([child('running'), child('completed')]);
    expect(rules({ ...item, status: 'completed' }, 'list-item')).toContain('status');
    expect(rules({ ...item, ended_at: '2026-11-02T10:00:05.000Z' }, 'list-item')).toContain('ended-at');
  });
});
