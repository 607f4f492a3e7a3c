import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { versionCaseArb } from './dates.ts';

/** An independent oracle: Date with the full year set explicitly (no 1900 offset for 0-99). */
function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

describe('the Speechify-Version cases', () => {
  const cases = fc.sample(versionCaseArb, { numRuns: 500, seed: 7 });

  it('valid ones are real dates and invalid ones are not, all in the YYYY-MM-DD shape', () => {
    for (const { valid, invalid } of cases) {
      for (const v of [...valid, ...invalid]) expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const v of valid) expect(isDate(v), v).toBe(true);
      for (const v of invalid) expect(isDate(v), v).toBe(false);
    }
  });

  it('every case holds a year 0000-0099, a Feb 29 of a leap year and one of a common year', () => {
    for (const { valid, invalid } of cases) {
      expect(valid.some((v) => v.startsWith('00'))).toBe(true);
      expect(valid.some((v) => v.endsWith('-02-29'))).toBe(true);
      expect(invalid.some((v) => v.endsWith('-02-29'))).toBe(true);
    }
  });

  it('reaches both ends of the range', () => {
    const years = cases.flatMap((c) => c.valid).map((v) => Number(v.slice(0, 4)));
    expect(Math.min(...years)).toBeLessThan(10);
    expect(Math.max(...years)).toBeGreaterThan(9000);
    const months = cases.flatMap((c) => c.invalid).map((v) => Number(v.slice(5, 7)));
    expect(months.some((m) => m > 12)).toBe(true);
    expect(months.some((m) => m === 0)).toBe(true);
  });
});
