// The findings as a report, in the kit's four formats. The report maps onto the verify report
// (one result per rule: passed, failed with its findings, or skipped when not judged), so the
// json, junit and html reporters render it as they render verify; the JSON adds every finding.
import { renderHtml, renderJunit } from '../reporters/index.ts';
import { renderFailure } from '../reporters/text.ts';
import type { CheckResult, VerifyReport } from '../types.ts';
import type { Finding } from './judge.ts';
import { LIVE_RULES, NOT_JUDGED } from './rules.ts';

export interface LiveReport extends VerifyReport {
  /** `proxy` or `audit`. */
  source: 'proxy' | 'audit';
  exchanges: number;
  findings: Finding[];
  notJudged: typeof NOT_JUDGED;
}

/** Findings of one rule shown in its failure message (the JSON report has them all). */
const SHOWN = 20;

function curlOf(f: Finding): string[] {
  const x = f.exchange;
  const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
  const parts = ['curl -sS', ...(x.method !== 'GET' ? [`-X ${x.method}`] : []), quote(x.url)];
  for (const [name, value] of Object.entries(x.requestHeaders)) {
    if (name === 'content-length' || name === 'host' || name === 'connection') continue;
    // A key label ($SUITERUN_KEY_1) stays unquoted for the shell to fill in.
    if (name === 'authorization' && /^Bearer \$[A-Z0-9_]+$/.test(value)) parts.push(`-H "authorization: ${value}"`);
    else parts.push(`-H ${quote(`${name}: ${value}`)}`);
  }
  if (x.requestBody !== undefined) parts.push(`--data-raw ${quote(x.requestBody)}`);
  return [`${parts.join(' ')}  # -> ${x.status}`];
}

export function buildLiveReport(
  source: 'proxy' | 'audit',
  target: string,
  findings: readonly Finding[],
  exchanges: number,
  startedAt: Date,
  durationMs: number,
): LiveReport {
  const results: CheckResult[] = LIVE_RULES.map((rule) => {
    const mine = findings.filter((f) => f.rule === rule.id);
    const base = { id: rule.id, group: rule.group, title: rule.title, durationMs: 0, requests: exchanges };
    if (!mine.length) return { ...base, status: 'passed' as const };
    const first = mine[0]!;
    const lines = mine
      .slice(0, SHOWN)
      .map((f) => `#${f.index} ${f.operation} ${f.requestId ?? '(no request id)'}: ${f.message}`);
    if (mine.length > SHOWN) lines.push(`... and ${mine.length - SHOWN} more (the JSON report lists every finding)`);
    return {
      ...base,
      status: 'failed' as const,
      failure: {
        checkId: rule.id,
        rule: rule.id,
        kind: 'violation' as const,
        operation: first.operation,
        title: rule.title,
        message: `${mine.length} finding(s):\n${lines.join('\n')}`,
        exchanges: [first.exchange],
        repro: curlOf(first),
      },
    };
  });
  for (const n of NOT_JUDGED) {
    results.push({
      id: n.rule,
      group: n.group,
      title: n.rule,
      status: 'skipped',
      reason: `not judged: ${n.why}`,
      durationMs: 0,
      requests: 0,
    });
  }
  const failed = results.filter((r) => r.status === 'failed');
  const byRule = failed.map((r) => `${r.id} (${findings.filter((f) => f.rule === r.id).length})`);
  return {
    source,
    outcome: failed.length ? 'failed' : 'passed',
    reason: failed.length
      ? `${findings.length} finding(s): ${byRule.join(', ')}`
      : `no finding in ${exchanges} exchange(s)`,
    target,
    seed: 0,
    runs: 0,
    startedAt: startedAt.toISOString(),
    durationMs,
    requests: exchanges,
    results,
    summary: {
      checks: results.length,
      passed: results.filter((r) => r.status === 'passed').length,
      failed: failed.length,
      skipped: results.filter((r) => r.status === 'skipped').length,
      known: 0,
    },
    notes: [],
    exchanges,
    findings: [...findings],
    notJudged: NOT_JUDGED,
  };
}

function renderLiveText(report: LiveReport): string {
  const lines = [
    `suiterun-kit ${report.source} ${report.target}`,
    `${report.exchanges} exchange(s) judged, ${report.findings.length} finding(s)`,
  ];
  for (const r of report.results.filter((x) => x.status === 'failed'))
    lines.push('', `  FAIL ${r.id}`, ...renderFailure(r.failure!));
  lines.push(
    '',
    'rules that held:',
    ...report.results.filter((r) => r.status === 'passed').map((r) => `  pass ${r.id}`),
  );
  lines.push(
    '',
    'not judged (a passive observer cannot decide them):',
    ...report.results.filter((r) => r.status === 'skipped').map((r) => `  skip ${r.id}: ${r.reason}`),
  );
  lines.push('', report.outcome === 'passed' ? 'PASSED' : `FAILED: ${report.reason}`);
  return `${lines.join('\n')}\n`;
}

export const LIVE_REPORTERS: Record<string, (report: LiveReport) => string> = {
  default: renderLiveText,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
  junit: (report) => renderJunit(report).replace(/suiterun-kit verify/g, `suiterun-kit ${report.source}`),
  html: (report) => renderHtml(report).replace(/suiterun-kit verify/g, `suiterun-kit ${report.source}`),
};
