// The readable default: one line per check, every failure with its message, minimal scenario,
// replay command and curl repro, then the summary (checks, passed, failed, skipped, requests, time).
import type { CheckResult, FailureReport, VerifyReport } from '../types.ts';

const MARK: Record<CheckResult['status'], string> = { passed: 'pass', failed: 'FAIL', skipped: 'skip' };

function indent(lines: string[], by = '      '): string[] {
  return lines.map((l) => `${by}${l}`);
}

export function renderFailure(f: FailureReport): string[] {
  const out = [`    ${f.title}`, ...indent(f.message.split('\n'), '    ')];
  if (f.operation) out.push(`    operation: ${f.operation}`);
  if (f.scenario) out.push(`    minimal scenario: ${f.scenario}`);
  if (f.replay) out.push(`    replay: ${f.replay}`);
  if (f.repro.length) out.push('    repro:', ...indent(f.repro));
  return out;
}

export function renderSummary(report: VerifyReport): string {
  const s = report.summary;
  const seconds = (report.durationMs / 1000).toFixed(1);
  return `${s.checks} checks run: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped; ${report.requests} requests sent in ${seconds} s`;
}

export function renderText(report: VerifyReport): string {
  const lines: string[] = [];
  lines.push(`suiterun-kit verify ${report.target}`);
  if (report.outcome === 'could-not-run') {
    lines.push(`could not run: ${report.reason}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`profile ${report.profile}, seed ${report.seed}, ${report.runs} runs per property`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  let group = '';
  for (const r of report.results) {
    if (r.group !== group) {
      group = r.group;
      lines.push('', group);
    }
    const detail = r.status === 'skipped' ? ` (skipped: ${r.reason})` : ` (${r.durationMs} ms, ${r.requests} requests)`;
    lines.push(`  ${MARK[r.status]} ${r.id}${detail}`);
    if (r.failure) lines.push(...renderFailure(r.failure));
  }
  lines.push('', renderSummary(report), report.outcome === 'passed' ? 'PASSED' : `FAILED: ${report.reason}`);
  return `${lines.join('\n')}\n`;
}
