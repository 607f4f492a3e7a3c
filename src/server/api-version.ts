// Speechify-Version is optional; when sent it must be a real calendar date (2026-02-30 is not).
import type { RequestHandler } from 'express';
import { isCalendarDate } from '../wire/api-version.ts';
import { ApiError, INVALID_API_VERSION } from '../wire/errors.ts';

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
