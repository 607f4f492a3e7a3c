import { describe, expect, it } from 'vitest';
import { checkCancel, checkCancelTolerant } from './cancel.ts';

const AT = '2026-11-02T12:00:00.000Z';
const run = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  status,
  verdict: status === 'completed' ? 'passed' : null,
  result: status === 'completed' ? { passed: true } : null,
  started_at: status === 'pending' ? null : '2026-11-02T10:00:01.000Z',
  ended_at: ['completed', 'failed', 'cancelled'].includes(status) ? '2026-11-02T10:00:09.000Z' : null,
  ...extra,
});
const before = {
  status: 'running',
  runs: [run('a', 'pending'), run('b', 'running'), run('c', 'completed'), run('d', 'failed', { error: 'x' })],
};
const cancelled = (r: ReturnType<typeof run>, at = AT) => ({
  ...r,
  status: 'cancelled',
  verdict: null,
  result: null,
  ended_at: at,
});
const good = {
  status: 'cancelled',
  runs: [cancelled(before.runs[0]!), cancelled(before.runs[1]!), before.runs[2], before.runs[3]],
};

const rulesOf = (after: unknown) => [...new Set(checkCancel(before, after).map((v) => v.rule))].sort();

describe('the cancel oracle', () => {
  it('accepts a cancel that follows the contract', () => {
    expect(checkCancel(before, good)).toEqual([]);
  });

  it.each([
    [
      'a running child left running',
      'active-cancelled',
      { ...good, runs: [good.runs[0], before.runs[1], good.runs[2], good.runs[3]] },
    ],
    [
      'a pending child given a started_at',
      'active-cancelled',
      { ...good, runs: [{ ...good.runs[0], started_at: AT }, good.runs[1], good.runs[2], good.runs[3]] },
    ],
    [
      'a completed child rewritten',
      'terminal-unchanged',
      { ...good, runs: [good.runs[0], good.runs[1], cancelled(before.runs[2]!), good.runs[3]] },
    ],
    [
      'a failed child whose ended_at moved',
      'terminal-unchanged',
      { ...good, runs: [good.runs[0], good.runs[1], good.runs[2], { ...before.runs[3], ended_at: AT }] },
    ],
    [
      'two instants for one cancel',
      'one-instant',
      {
        ...good,
        runs: [good.runs[0], cancelled(before.runs[1]!, '2026-11-02T12:00:00.001Z'), good.runs[2], good.runs[3]],
      },
    ],
    [
      'children reordered',
      'same-children',
      { ...good, runs: [good.runs[1], good.runs[0], good.runs[2], good.runs[3]] },
    ],
    ['the suite not reading cancelled', 'suite-cancelled', { ...good, status: 'completed' }],
  ])('names %s -> %s', (_label, rule, after) => {
    expect(rulesOf(after)).toContain(rule);
  });

  it('in the race-tolerant form accepts a child that ended on its own, but not one still active', () => {
    const finishedAlone = {
      runs: [
        good.runs[0],
        { ...before.runs[1], status: 'completed', verdict: 'passed', result: {}, ended_at: AT },
        good.runs[2],
        good.runs[3],
      ],
    };
    expect(checkCancelTolerant(before, finishedAlone)).toEqual([]);
    const stillRunning = { runs: [good.runs[0], before.runs[1], good.runs[2], good.runs[3]] };
    expect(checkCancelTolerant(before, stillRunning).map((v) => v.rule)).toEqual(['active-cancelled']);
  });
});
