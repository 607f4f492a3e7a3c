// The readable default: one line per check, every failure with its message, minimal scenario,
// replay command and curl repro, then what the baseline did and the summary (checks, passed,
// failed, skipped, requests, time). Plain text: no colour, no cursor movement.
import { sourceText } from '../checks/sources.ts';
import type { CheckResult, FailureReport, VerifyReport } from '../types.ts';

function mark(r: CheckResult): string {
  if (r.baseline === 'known') return 'KNOWN';
  if (r.failure && r.failure.kind !== 'violation') return failMark(r.failure);
  return { passed: 'pass', failed: 'FAIL', skipped: 'skip' }[r.status];
}

/** `FAIL`, or `FAIL(set-up)` / `FAIL(error)` for a failure that never reached its rule. */
export function failMark(f: FailureReport): string {
  return f.kind === 'setup' ? 'FAIL(set-up)' : f.kind === 'error' ? 'FAIL(error)' : 'FAIL';
}

/** What the failure is: the rule it breaks, or why the check never reached its rule (then it proves nothing). */
export function describeKind(f: FailureReport): string {
  if (f.kind === 'setup')
    return 'set-up failed: the check never reached its rule, so this failure proves nothing about it';
  if (f.kind === 'error')
    return 'stopped on an unexpected error: the check never reached its rule, so this failure proves nothing about it';
  return `breaks rule ${f.rule}`;
}

function indent(lines: string[], by = '      '): string[] {
  return lines.map((l) => `${by}${l}`);
}

export function renderFailure(f: FailureReport): string[] {
  const out = [`    ${f.title}`, `    ${describeKind(f)}`, ...indent(f.message.split('\n'), '    ')];
  if (f.operation) out.push(`    operation: ${f.operation}`);
  if (f.scenario) out.push(`    minimal scenario: ${f.scenario}`);
  if (f.replay) out.push(`    replay: ${f.replay}`);
  if (f.repro.length) out.push('    repro:', ...indent(f.repro));
  return out;
}

export function renderSummary(report: VerifyReport): string {
  const s = report.summary;
  const seconds = (report.durationMs / 1000).toFixed(1);
  const known = s.known ? ` (${s.known} known)` : '';
  return `${s.checks} checks run: ${s.passed} passed, ${s.failed} failed${known}, ${s.skipped} skipped; ${report.requests} requests sent in ${seconds} s`;
}

/** What the baseline did: known failures, fixed ones to remove, listed checks that did not run. */
export function renderBaseline(report: VerifyReport): string[] {
  const b = report.baseline;
  if (!b) return [];
  const from = b.source ? ` (${b.source})` : '';
  const lines = [`baseline${from}:`];
  lines.push(
    b.known.length ? `  known failures, not failing the gate: ${b.known.join(', ')}` : '  no known failure failed',
  );
  if (b.fixed.length) lines.push(`  fixed, remove it from the baseline: ${b.fixed.join(', ')}`);
  if (b.notRun.length) lines.push(`  listed but not run (not selected or skipped): ${b.notRun.join(', ')}`);
  return lines;
}

export function renderHeader(report: VerifyReport): string[] {
  const lines = [`suiterun-kit verify ${report.target}`];
  if (report.outcome === 'could-not-run') return [...lines, `could not run: ${report.reason}`];
  lines.push(`profile ${report.profile}, seed ${report.seed}, ${report.runs} runs per property`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines;
}

export function renderOutcomeLine(report: VerifyReport): string {
  if (report.outcome !== 'passed') return `FAILED: ${report.reason}`;
  return report.summary.known ? `PASSED with known failures: ${report.reason}` : 'PASSED';
}

export function renderText(report: VerifyReport): string {
  const lines = renderHeader(report);
  if (report.outcome === 'could-not-run') return `${lines.join('\n')}\n`;
  let group = '';
  for (const r of report.results) {
    if (r.group !== group) {
      group = r.group;
      lines.push('', group);
    }
    const detail = r.status === 'skipped' ? ` (skipped: ${r.reason})` : ` (${r.durationMs} ms, ${r.requests} requests)`;
    const baseline =
      r.baseline === 'known'
        ? ' [known: in the baseline]'
        : r.baseline === 'fixed'
          ? ' [fixed: remove it from the baseline]'
          : '';
    lines.push(`  ${mark(r)} ${r.id}${detail}${baseline}`);
    if (r.source) lines.push(`      source: ${sourceText(r.source)}`);
    if (r.failure) lines.push(...renderFailure(r.failure));
  }
  const baseline = renderBaseline(report);
  if (baseline.length) lines.push('', ...baseline);
  lines.push('', renderSummary(report), renderOutcomeLine(report));
  return `${lines.join('\n')}\n`;
}
