// Speechify-Version is optional; when sent it must be a real calendar date (2026-02-30 is not).
import type { RequestHandler } from 'express';
import { checkVersionHeader } from '../wire/api-version.ts';

export const checkApiVersion: RequestHandler = (req, _res, next) => {
  checkVersionHeader(req.headers['speechify-version']);
  next();
};
