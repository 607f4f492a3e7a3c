// Speechify-Version values over the whole range the contract allows (YYYY-MM-DD, years 0000 to
// 9999), written from the contract alone: "a real calendar date". Every generated case holds one
// date of each class, so each class is tried on every run by design, not by luck.
import fc from 'fast-check';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const formatDate = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

/** Gregorian leap years, year 0 included (it is divisible by 400). */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const anyYear = fc.integer({ min: 0, max: 9999 });
const earlyYear = fc.integer({ min: 0, max: 99 });
const month = fc.integer({ min: 1, max: 12 });

/** A real date in a year drawn from `years`. */
function realDateArb(years: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return fc
    .tuple(years, month, fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => formatDate(y, m, Math.min(d, daysInMonth(y, m))));
}

/** Leap years 0..9996 (every fourth year, less the centuries not divisible by 400). */
const leapYear = fc
  .integer({ min: 0, max: 2499 })
  .map((k) => k * 4)
  .filter(isLeapYear);
/** Non-leap years: years not divisible by 4, and the centuries 100, 200, 300, 500... */
const commonYear = fc.oneof(
  anyYear.filter((y) => !isLeapYear(y)),
  fc
    .integer({ min: 0, max: 99 })
    .map((c) => c * 100)
    .filter((y) => !isLeapYear(y)),
);

export interface VersionCase {
  /** Real dates: each must be accepted. */
  valid: string[];
  /** Well-formed YYYY-MM-DD strings that name no date: each must be refused. */
  invalid: string[];
}

export const versionCaseArb: fc.Arbitrary<VersionCase> = fc
  .record({
    anywhere: realDateArb(anyYear),
    early: realDateArb(earlyYear),
    leapDay: leapYear.map((y) => formatDate(y, 2, 29)),
    commonLeapDay: commonYear.map((y) => formatDate(y, 2, 29)),
    badMonth: fc
      .tuple(anyYear, fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })), fc.integer({ min: 1, max: 28 }))
      .map(([y, m, d]) => formatDate(y, m, d)),
    badDay: fc
      .tuple(anyYear, month, fc.boolean(), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, zero, extra]) =>
        formatDate(y, m, zero ? 0 : Math.min(99, daysInMonth(y, m) + 1 + (extra % (100 - daysInMonth(y, m) - 1)))),
      ),
    /** Digits in the pattern's shape that happen not to be a date, like 7381-58-57. */
    noise: fc
      .tuple(anyYear, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .filter(([y, m, d]) => !isRealDate(y, m, d))
      .map(([y, m, d]) => formatDate(y, m, d)),
  })
  .map((c) => ({ valid: [c.anywhere, c.early, c.leapDay], invalid: [c.commonLeapDay, c.badMonth, c.badDay, c.noise] }));
