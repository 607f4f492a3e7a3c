// Reporters by name: each renders a whole report as text (the CLI writes it to stdout or --out).
import type { VerifyReport } from '../types.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderText } from './text.ts';

export const REPORTERS: Record<string, (report: VerifyReport) => string> = {
  default: renderText,
  json: renderJson,
  junit: renderJunit,
  html: renderHtml,
};

export { renderHtml, renderJson, renderJunit, renderText };
export { renderSummary } from './text.ts';
export { renderGroupTable, renderTerminal } from './terminal.ts';
export { groupRows } from './groups.ts';
export { createProgressState, eraseFrame, reduceProgress, renderFrame, renderProgressLines } from './progress.ts';
