// The report as JSON, for machines (the whole VerifyReport, stable field names).
import type { VerifyReport } from '../types.ts';

export function renderJson(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
