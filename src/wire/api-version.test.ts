import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../contract/index.ts';
import { isCalendarDate } from './api-version.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** An independent oracle: a Date whose full year is set explicitly (no 1900 offset), read back. */
function realDate(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

describe('isCalendarDate', () => {
  it('agrees with a setUTCFullYear oracle over years 0000-9999, months 00-99 and days 00-99', () => {
    const year = fc.oneof(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 9999 }),
      fc.constantFrom(0, 4, 100, 400, 1900, 2000, 2100),
    );
    fc.assert(
      fc.property(year, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (y, m, d) => {
        expect(isCalendarDate(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)).toBe(
          m >= 1 && m <= 12 && d >= 1 && realDate(y, m, d),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts years 0000-0099 (Date.UTC would read them as 1900-1999)', () => {
    expect(isCalendarDate('0009-01-21')).toBe(true);
    expect(isCalendarDate('0000-02-29')).toBe(true); // year 0 is a leap year (divisible by 400)
    expect(isCalendarDate('0004-02-29')).toBe(true);
    expect(isCalendarDate('0001-02-29')).toBe(false);
    expect(isCalendarDate('0100-02-29')).toBe(false);
  });
});

describe("the spec's Speechify-Version schema", () => {
  it('accepts exactly the strings the server accepts (format: date agrees with the prose)', async () => {
    const contract = await loadContract();
    const parameter = contract.operation('listSuiteRuns').parameters.find((p) => p.name === 'Speechify-Version')!;
    const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    const text = fc.oneof(
      fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`),
      fc
        .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 28, max: 31 }))
        .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
      fc.string({ maxLength: 12 }),
    );
    for (const fixed of ['7381-58-57', '0009-01-21', '0000-02-29', '0100-02-29', '2025-02-29']) {
      expect(parameter.validate(fixed), fixed).toBe(isCalendarDate(fixed));
    }
    fc.assert(
      fc.property(text, (value) => parameter.validate(value) === isCalendarDate(value)),
      { numRuns: 2000 },
    );
  });
});
