// JUnit XML for CI: one testsuite per group, one testcase per check; a failure carries the
// message, the replay command and the curl repro, with the rule it breaks as its type; a check
// that never reached its rule (failed set-up, unexpected error) is an <error>, not a <failure>;
// a skip carries its reason. A known failure
// (in the baseline) is a skip of type known-failure with the whole failure in it, as pytest
// reports xfail: the report shows it, the JUnit publisher does not fail the build on it.
import type { CheckResult, VerifyReport } from '../types.ts';
import { groupRows } from './groups.ts';
import { renderFailure } from './text.ts';

function xmlEscape(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

const KNOWN_FAILURE_PREFIX = 'known failure (in the baseline, not failing the gate): ';
const FIXED_NOTE = 'fixed: this check passes now, remove it from the baseline';

/** The check's source as testcase properties (read by Jenkins, GitLab and most JUnit viewers). */
function properties(r: CheckResult): string {
  if (!r.source) return '';
  const items = [
    `<property name="source" value="${xmlEscape(r.source.clause)}"/>`,
    ...r.source.follows.map((f) => `<property name="follows" value="${xmlEscape(f)}"/>`),
  ];
  return `\n      <properties>${items.join('')}</properties>`;
}

function testcase(r: CheckResult): string {
  // Properties last, after the verdict, so that readers matching `<testcase ...>` then `<failure>` still do.
  const open = `    <testcase classname="suiterun-kit.${r.group}" name="${xmlEscape(r.id)}" time="${seconds(r.durationMs)}">`;
  const close = `${properties(r)}\n    </testcase>`;
  if (r.status === 'passed') {
    return r.baseline === 'fixed'
      ? `${open}\n      <system-out>${xmlEscape(FIXED_NOTE)}</system-out>${close}`
      : r.source
        ? `${open}${close}`
        : `${open.slice(0, -1)}/>`;
  }
  if (r.status === 'skipped') return `${open}\n      <skipped message="${xmlEscape(r.reason ?? '')}"/>${close}`;
  const f = r.failure!;
  const body = xmlEscape(renderFailure(f).join('\n'));
  if (r.baseline === 'known') {
    return `${open}\n      <skipped type="known-failure" message="${xmlEscape(KNOWN_FAILURE_PREFIX + f.message)}">${body}</skipped>${close}`;
  }
  const element = f.kind === 'violation' ? 'failure' : 'error';
  return `${open}\n      <${element} message="${xmlEscape(f.message)}" type="${xmlEscape(f.rule)}">${body}</${element}>${close}`;
}

/** New failures that never reached their rule (set-up, unexpected error): JUnit errors. */
function errorsIn(results: CheckResult[]): number {
  return results.filter(
    (r) => r.status === 'failed' && r.baseline !== 'known' && r.failure && r.failure.kind !== 'violation',
  ).length;
}

export function renderJunit(report: VerifyReport): string {
  const s = report.summary;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  if (report.outcome === 'could-not-run') {
    lines.push(
      `<testsuites name="suiterun-kit verify" tests="1" failures="0" errors="1" skipped="0" time="${seconds(report.durationMs)}">`,
      `  <testsuite name="verify" tests="1" failures="0" errors="1" skipped="0">`,
      `    <testcase classname="suiterun-kit" name="verify"><error message="${xmlEscape(report.reason)}"/></testcase>`,
      '  </testsuite>',
      '</testsuites>',
    );
    return `${lines.join('\n')}\n`;
  }
  const errors = errorsIn(report.results);
  const failures = s.failed - s.known - errors;
  lines.push(
    `<testsuites name="suiterun-kit verify" tests="${s.checks}" failures="${failures}" errors="${errors}" skipped="${s.skipped + s.known}" time="${seconds(report.durationMs)}">`,
  );
  for (const row of groupRows(report.results)) {
    const rowErrors = errorsIn(row.results);
    const attrs = `tests="${row.checks}" failures="${row.failed - row.known - rowErrors}" errors="${rowErrors}" skipped="${row.skipped + row.known}" time="${seconds(row.ms)}"`;
    lines.push(`  <testsuite name="${row.group}" ${attrs}>`, ...row.results.map(testcase), '  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
