import { describe, expect, it } from 'vitest';
import { differences } from './equal.ts';
import { idProblems } from './ids.ts';
import { latest, sameInstant, toInstant } from './instants.ts';
import { namesEntry } from '../checks/support.ts';

describe('instants', () => {
  it.each([
    ['2026-11-02T10:00:00Z', '2026-11-02T10:00:00.000Z', true],
    ['2026-11-02T10:00:00.123456Z', '2026-11-02T10:00:00.123456000Z', true],
    ['2026-11-02T12:00:00+02:00', '2026-11-02T10:00:00.000Z', true],
    ['2026-11-02T10:00:00.0001Z', '2026-11-02T10:00:00.000Z', false],
    ['not a date', 'not a date', false],
  ])('%s vs %s: same instant %s', (a, b, same) => {
    expect(sameInstant(a, b)).toBe(same);
  });

  it('orders by instant, not by text', () => {
    expect(latest(['2026-11-02T10:00:09Z', '2026-11-02T11:00:00+02:00'])?.value).toBe('2026-11-02T10:00:09Z');
    expect(toInstant('2026-11-02 10:00:00')).toBeUndefined();
  });
});

describe('representation differences', () => {
  it('ignores key order and timestamp precision, and names what differs', () => {
    expect(
      differences({ a: 1, ended_at: '2026-11-02T10:00:00Z' }, { ended_at: '2026-11-02T10:00:00.000Z', a: 1 }),
    ).toEqual([]);
    expect(differences({ runs: [{ status: 'running' }] }, { runs: [{ status: 'cancelled' }] })).toEqual([
      'runs[0].status: "running" vs "cancelled"',
    ]);
    expect(differences({ a: 1 }, { a: 1, b: 2 })).toEqual(['b: absent vs 2']);
  });
});

describe('id problems', () => {
  it('accepts upper-case Crockford ULIDs and names every malformed id with where it is', () => {
    const good = {
      id: 'srun_01M6DV7580JHH3VXH3J1Z0NDTA',
      trigger: 'run_all',
      agent_id: 'agent_01M6DQS9M0F4B65HPSEG122Q51',
      runs: [{ id: 'run_01M6DV7580M9JSV712RESD85HC', test_id: 'test_01M6DQSAK873BGZEDJGKDRM7ZJ' }],
    };
    expect(idProblems(good)).toEqual([]);
    const bad = {
      ...good,
      id: good.id.toLowerCase(),
      runs: [{ id: 'run_01M6DV7580M9JSV712RESD85H', test_id: 'test_01M6DQSAK873BGZEDJGKDRM7ZJ' }],
    };
    expect(idProblems(bad).map((p) => p.where)).toEqual(['id', 'runs[0].id']);
  });
});

describe('ids judged by form only', () => {
  it('accepts ids of the right form that are not ULIDs (first character above 7)', () => {
    const body = {
      id: 'srun_ZZZZZZZZZZZZZZZZZZZZZZZZZZ',
      trigger: 'batch',
      runs: [{ id: 'run_G1M6DV7580M9JSV712RESD85HC', test_id: 'test_9000000000000000000000000A' }],
    };
    expect(idProblems(body)).toEqual([]);
    expect(idProblems({ ...body, id: 'srun_ZZZZZZZZZZZZZZZZZZZZZZZZZI' }).map((p) => p.where)).toEqual(['id']);
  });
});

describe('namesEntry', () => {
  it.each([
    ['entries[1].test_id', 1, true],
    ['entries.1.test_id', 1, true],
    ['/entries/1/test_id', 1, true],
    ['entries[1]', 1, true],
    ['entries[10].test_id', 1, false],
    ['entries.12', 1, false],
    ['entries[0].test_id', 1, false],
    ['body', 1, false],
  ] as const)('%s names entry %i: %s', (field, index, expected) => {
    expect(namesEntry(field, index)).toBe(expected);
  });
});
