// Speechify-Version is optional; when sent it must be a real calendar date (2026-02-30 is not).
import type { RequestHandler } from 'express';
import { ApiError, INVALID_API_VERSION } from '../domain/errors.ts';

export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** 400 invalid_api_version unless absent or a calendar date (framework-free: the MSW handlers call it too). */
export function checkVersionHeader(version: string | string[] | null | undefined): void {
  if (version !== undefined && version !== null && !(typeof version === 'string' && isCalendarDate(version))) {
    throw new ApiError(INVALID_API_VERSION);
  }
}

export const checkApiVersion: RequestHandler = (req, _res, next) => {
  checkVersionHeader(req.headers['speechify-version']);
  next();
};
