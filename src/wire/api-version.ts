// The Speechify-Version rule: optional; when sent, a real calendar date, YYYY-MM-DD (2026-02-30 is not).
import { ApiError, INVALID_API_VERSION } from './errors.ts';

/** 400 invalid_api_version unless absent or a calendar date (the server, the MSW handlers and the mock call it). */
export function checkVersionHeader(version: string | string[] | null | undefined): void {
  if (version !== undefined && version !== null && !(typeof version === 'string' && isCalendarDate(version))) {
    throw new ApiError(INVALID_API_VERSION);
  }
}

/**
 * A real date of the proleptic Gregorian calendar, years 0000 to 9999. Checked by arithmetic,
 * not through `Date.UTC`, which reads the years 0 to 99 as 1900 to 1999.
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
