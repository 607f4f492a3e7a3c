import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { compareKeys, OrderedIndex, type OrderKey } from './ordered-index.ts';

const keyArb: fc.Arbitrary<OrderKey> = fc
  .record({ minute: fc.integer({ min: 0, max: 30 }), n: fc.integer({ min: 0, max: 10_000 }) })
  .map(({ minute, n }) => ({
    t: new Date(Date.UTC(2026, 10, 2, 9, minute)).toISOString(),
    id: `srun_${String(n).padStart(26, '0')}`,
  }));

describe('OrderedIndex', () => {
  it('walking every page newest first visits each item once, in (created_at, id) descending order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(keyArb, { selector: (k) => k.id, maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (keys, limit) => {
          const index = new OrderedIndex();
          for (const key of keys) index.insert(key);
          const seen: string[] = [];
          let after: OrderKey | undefined;
          for (let guard = 0; guard < 100; guard += 1) {
            const page = index.pageNewestFirst(after, limit);
            expect(page.ids.length).toBeLessThanOrEqual(limit);
            seen.push(...page.ids);
            if (!page.nextAfter) break;
            expect(page.ids.length).toBe(limit);
            after = page.nextAfter;
          }
          const expected = [...keys].sort((a, b) => compareKeys(b, a)).map((k) => k.id);
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('an item added between two pages does not shift the next page', () => {
    const index = new OrderedIndex();
    for (let i = 0; i < 5; i += 1) index.insert({ t: `2026-11-02T09:0${i}:00.000Z`, id: `srun_${i}` });
    const first = index.pageNewestFirst(undefined, 2);
    index.insert({ t: '2026-11-02T10:00:00.000Z', id: 'srun_new' });
    const second = index.pageNewestFirst(first.nextAfter!, 2);
    expect([...first.ids, ...second.ids]).toEqual(['srun_4', 'srun_3', 'srun_2', 'srun_1']);
  });
});

describe('cursors', () => {
  const key = { t: '2026-11-02T10:00:00.000Z', id: 'srun_01M6DV7580JHH3VXH3J1Z0NDTA' };

  it('round-trip the key', () => {
    expect(decodeCursor(encodeCursor(key), 'srun')).toEqual(key);
  });

  it.each([
    ['not base64url', 'a b'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['JSON of another shape', Buffer.from('[1,2]').toString('base64url')],
    ['a bad time', Buffer.from(JSON.stringify({ t: 'yesterday', id: key.id })).toString('base64url')],
    [
      'an id of another kind',
      Buffer.from(JSON.stringify({ t: key.t, id: 'run_01M6DV7580JHH3VXH3J1Z0NDTA' })).toString('base64url'),
    ],
    ['empty', ''],
  ])('refuse %s', (_name, cursor) => {
    expect(decodeCursor(cursor, 'srun')).toBeUndefined();
  });

  it('refuse random text without throwing', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(decodeCursor(text, 'run')).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
