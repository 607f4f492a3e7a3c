// Reporters by name: each renders a whole report as text (the CLI writes it to stdout or --out).
import type { VerifyReport } from '../types.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderText } from './text.ts';

export const REPORTERS: Record<string, (report: VerifyReport) => string> = {
  default: renderText,
  json: renderJson,
  junit: renderJunit,
};

export { renderJson, renderJunit, renderText };
export { renderSummary } from './text.ts';
