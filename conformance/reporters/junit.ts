// JUnit XML for CI: one testsuite per group, one testcase per check; a failure carries the
// message, the replay command and the curl repro; a skip carries its reason.
import type { CheckResult, VerifyReport } from '../types.ts';
import { renderFailure } from './text.ts';

export function xmlEscape(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(r: CheckResult): string {
  const open = `    <testcase classname="suiterun-kit.${r.group}" name="${xmlEscape(r.id)}" time="${seconds(r.durationMs)}"`;
  if (r.status === 'passed') return `${open}/>`;
  if (r.status === 'skipped') return `${open}>\n      <skipped message="${xmlEscape(r.reason ?? '')}"/>\n    </testcase>`;
  const f = r.failure!;
  const body = renderFailure(f).join('\n');
  return `${open}>\n      <failure message="${xmlEscape(f.message)}" type="${xmlEscape(f.checkId)}">${xmlEscape(body)}</failure>\n    </testcase>`;
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
  lines.push(`<testsuites name="suiterun-kit verify" tests="${s.checks}" failures="${s.failed}" errors="0" skipped="${s.skipped}" time="${seconds(report.durationMs)}">`);
  const groups = [...new Set(report.results.map((r) => r.group))];
  for (const group of groups) {
    const rs = report.results.filter((r) => r.group === group);
    const n = (st: CheckResult['status']) => rs.filter((r) => r.status === st).length;
    const time = rs.reduce((t, r) => t + r.durationMs, 0);
    lines.push(`  <testsuite name="${group}" tests="${rs.length}" failures="${n('failed')}" errors="0" skipped="${n('skipped')}" time="${seconds(time)}">`);
    lines.push(...rs.map(testcase));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
