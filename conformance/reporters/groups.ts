// Results by group, in the order the run met them: the counts every reporter shows.
import type { CheckResult, GroupName } from '../types.ts';

export interface GroupRow {
  group: GroupName;
  checks: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Failed checks the baseline lists (counted in failed too). */
  known: number;
  /** Sum of the checks' own times. */
  ms: number;
  results: CheckResult[];
}

export function groupRows(results: CheckResult[]): GroupRow[] {
  const rows = new Map<GroupName, GroupRow>();
  for (const r of results) {
    let row = rows.get(r.group);
    if (!row) {
      row = { group: r.group, checks: 0, passed: 0, failed: 0, skipped: 0, known: 0, ms: 0, results: [] };
      rows.set(r.group, row);
    }
    row.checks++;
    row[r.status]++;
    if (r.baseline === 'known') row.known++;
    row.ms += r.durationMs;
    row.results.push(r);
  }
  return [...rows.values()];
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
