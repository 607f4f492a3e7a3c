// What a person sees at the end of a run on a terminal (after the live progress): failures
// first with their repro, then why checks were skipped, the table of groups, the baseline and
// the summary. Colour only when asked for (the CLI asks when stdout is a TTY).
import { sourceText } from '../checks/sources.ts';
import type { CheckResult, VerifyReport } from '../types.ts';
import { formatSeconds, groupRows, type GroupRow } from './groups.ts';
import { paint } from './progress.ts';
import { failMark, renderBaseline, renderFailure, renderHeader, renderOutcomeLine, renderSummary } from './text.ts';

export interface TerminalOptions {
  color?: boolean;
}

const COLUMNS = ['group', 'checks', 'passed', 'failed', 'skipped', 'time'] as const;

/** The table: group, checks, passed, failed, skipped, time; a total row; known failures as "1 (1 known)". */
export function renderGroupTable(rows: GroupRow[], totalMs: number, options: TerminalOptions = {}): string[] {
  const failed = (n: number, known: number) => (known ? `${n} (${known} known)` : `${n}`);
  const sum = (key: 'checks' | 'passed' | 'failed' | 'skipped' | 'known') => rows.reduce((t, r) => t + r[key], 0);
  const body = rows.map((r) => [
    r.group,
    `${r.checks}`,
    `${r.passed}`,
    failed(r.failed, r.known),
    `${r.skipped}`,
    formatSeconds(r.ms),
  ]);
  const total = [
    'total',
    `${sum('checks')}`,
    `${sum('passed')}`,
    failed(sum('failed'), sum('known')),
    `${sum('skipped')}`,
    formatSeconds(totalMs),
  ];
  const all = [[...COLUMNS], ...body, total];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const colourOf = (r: GroupRow) => (r.failed > r.known ? 'red' : r.known ? 'yellow' : r.passed ? 'green' : undefined);
  return [
    paint(line(all[0]!), 'bold', options.color),
    rule,
    ...rows.map((r, i) => paint(line(body[i]!), colourOf(r), options.color)),
    rule,
    paint(line(total), 'bold', options.color),
  ];
}

function failureBlock(r: CheckResult, options: TerminalOptions): string[] {
  const head =
    r.baseline === 'known'
      ? `${paint(`KNOWN ${r.id}`, 'yellow', options.color)} (in the baseline: reported, not failing the gate)`
      : paint(`${failMark(r.failure!)} ${r.id}`, 'red', options.color);
  return ['', head, ...(r.source ? [`    source: ${sourceText(r.source)}`] : []), ...renderFailure(r.failure!)];
}

export function renderTerminal(report: VerifyReport, options: TerminalOptions = {}): string {
  const lines = renderHeader(report);
  if (report.outcome === 'could-not-run') return `${lines.join('\n')}\n`;
  const failed = report.results.filter((r) => r.status === 'failed');
  // New failures first, then the known ones.
  for (const r of [...failed.filter((f) => f.baseline !== 'known'), ...failed.filter((f) => f.baseline === 'known')])
    lines.push(...failureBlock(r, options));
  const skipped = report.results.filter((r) => r.status === 'skipped');
  if (skipped.length) lines.push('', 'skipped:', ...skipped.map((r) => `  ${r.id}: ${r.reason ?? ''}`));
  lines.push('', ...renderGroupTable(groupRows(report.results), report.durationMs, options));
  const baseline = renderBaseline(report);
  if (baseline.length) lines.push('', ...baseline);
  const outcome = renderOutcomeLine(report);
  lines.push('', renderSummary(report), paint(outcome, report.outcome === 'passed' ? 'green' : 'red', options.color));
  return `${lines.join('\n')}\n`;
}
