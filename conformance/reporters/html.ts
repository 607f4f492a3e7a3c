// The report as one self-contained HTML page a person would rather read than a log: the run's
// header and counts, failures first (each with its minimal scenario, replay command and curl
// repro), then results by group. Inline CSS, no script, no external URL (a Content-Security-
// Policy forbids loading anything); collapsible parts are <details>. Every text is escaped.
// data-testid attributes name the counts so tests (and people's scripts) can read them.
import type { CheckResult, ExchangeRecord, FailureReport, VerifyReport } from '../types.ts';
import { formatSeconds, groupRows, type GroupRow } from './groups.ts';
import { HTML_STYLE } from './html-style.ts';
import { describeKind } from './text.ts';

function htmlEscape(value: string): string {
  return value
    .replace(/\u0000/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const e = htmlEscape;

/** "12 ms" under a second, "1.2 s" from there. */
function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : formatSeconds(ms);
}

/** The run's one-line reason; a long list of failing ids is folded (the Failures section has them all). */
function reasonHtml(reason: string): string {
  const LIMIT = 200;
  if (reason.length <= LIMIT) return `<p class="reason" data-testid="reason">${e(reason)}</p>`;
  const cutAt = reason.lastIndexOf(', ', LIMIT);
  const head = reason.slice(0, cutAt > 0 ? cutAt : LIMIT);
  return `<details class="reason" data-testid="reason"><summary>${e(head)}, …</summary><p>${e(reason)}</p></details>`;
}
/** Shown bodies are cut here: a report stays readable (the curl repro gets the whole answer). */
const BODY_LIMIT = 4000;

function statusLabel(r: CheckResult): 'passed' | 'failed' | 'skipped' | 'known' | 'fixed' {
  return r.baseline ?? r.status;
}

function badge(kind: string, text = kind): string {
  return `<span class="badge ${e(kind)}">${e(text)}</span>`;
}

function anchor(id: string): string {
  return `failure-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function cutBody(body: string): string {
  return body.length > BODY_LIMIT
    ? `${body.slice(0, BODY_LIMIT)}\n… (${body.length - BODY_LIMIT} more characters)`
    : body;
}

function headersText(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function exchange(x: ExchangeRecord): string {
  const request = [
    `${x.method} ${x.url}`,
    headersText(x.requestHeaders),
    ...(x.requestBody !== undefined ? ['', cutBody(pretty(x.requestBody))] : []),
  ];
  const answer = x.status
    ? [`${x.status} (${x.ms} ms)`, headersText(x.responseHeaders), '', cutBody(pretty(x.responseBody))]
    : [`no answer: ${x.error ?? 'unknown error'}`];
  return `<div class="exchange"><h3>Request</h3><pre class="wrap">${e(request.join('\n'))}</pre><h3>Answer</h3><pre class="wrap">${e(answer.join('\n'))}</pre></div>`;
}

function failureCard(r: CheckResult, open: boolean): string {
  const f = r.failure as FailureReport;
  const known = r.baseline === 'known';
  const meta = [
    ...(f.operation ? [`operation <code>${e(f.operation)}</code>`] : []),
    ...(f.seed !== undefined ? [`seed <code>${f.seed}</code>`] : []),
    ...(f.path !== undefined ? [`path <code>${e(f.path)}</code>`] : []),
    // Observers judge the whole run: they send nothing of their own.
    ...(r.requests ? [`${r.requests} requests, ${duration(r.durationMs)}`] : []),
  ];
  const parts = [
    `<p class="kind" data-testid="kind" data-kind="${e(f.kind)}" data-rule="${e(f.rule)}">${e(describeKind(f))}</p>`,
    `<p class="message">${e(f.message.split('\n')[0]!)}</p>`,
    f.message.includes('\n') ? `<pre class="wrap" data-testid="message">${e(f.message)}</pre>` : '',
    meta.length ? `<p class="facts">${meta.join(' · ')}</p>` : '',
    f.scenario ? `<h3>Minimal scenario</h3><pre class="wrap" data-testid="scenario">${e(f.scenario)}</pre>` : '',
    f.replay ? `<h3>Replay exactly</h3><pre class="wrap" data-testid="replay">${e(f.replay)}</pre>` : '',
    f.repro.length
      ? `<h3>Reproduce with curl</h3><pre class="wrap" data-testid="repro">${e(f.repro.join('\n'))}</pre>`
      : '',
    f.exchanges.length
      ? `<details class="exchanges"><summary>The offending exchange${f.exchanges.length === 1 ? '' : 's'} (${f.exchanges.length})</summary>${f.exchanges.map(exchange).join('')}</details>`
      : '',
  ];
  return [
    `<details class="card failure${known ? ' known' : ''}" id="${anchor(r.id)}" data-testid="failure" data-check="${e(r.id)}" data-kind="${e(f.kind)}" data-rule="${e(f.rule)}"${open ? ' open' : ''}>`,
    `<summary>${badge(known ? 'known' : 'failed', known ? 'known' : f.kind === 'violation' ? 'fail' : f.kind === 'setup' ? 'fail: set-up' : 'fail: error')} <code>${e(r.id)}</code><span class="group-tag">${e(r.group)}</span> <span class="check-title">${e(f.title)}</span></summary>`,
    `<div class="body">${known ? '<p>In the baseline: reported, but it does not fail the gate.</p>' : ''}${r.source ? `<p class="facts">${sourceNote(r)}</p>` : ''}${parts.join('')}</div>`,
    '</details>',
  ].join('\n');
}

/** The clause the check enforces and what it follows, or nothing when the result has no source. */
function sourceNote(r: CheckResult): string {
  return r.source
    ? `<span class="note" data-testid="source">source: <code>${e(r.source.clause)}</code> (follows ${e(r.source.follows.join('; '))})</span>`
    : '';
}

function checkRow(r: CheckResult): string {
  const label = statusLabel(r);
  const note =
    r.status === 'skipped'
      ? e(r.reason ?? '')
      : r.status === 'failed'
        ? `<a href="#${anchor(r.id)}">${e(r.failure?.message.split('\n')[0] ?? '')}</a>`
        : r.baseline === 'fixed'
          ? 'fixed: remove it from the baseline'
          : '';
  return [
    `<tr data-testid="check" data-check="${e(r.id)}" data-status="${e(label)}">`,
    `<td>${badge(label)}</td>`,
    `<td><code>${e(r.id)}</code><br><span class="note">${e(r.title)}</span>${r.source ? `<br>${sourceNote(r)}` : ''}${note ? `<br><span class="note">${note}</span>` : ''}</td>`,
    `<td class="num">${r.status === 'skipped' ? '' : duration(r.durationMs)}</td>`,
    `<td class="num">${r.requests}</td>`,
    '</tr>',
  ].join('');
}

function groupCard(row: GroupRow): string {
  const pill = (key: 'passed' | 'failed' | 'skipped', n: number) =>
    `<span class="badge ${n ? key : ''}" title="${key}">${key === 'passed' ? '✓' : key === 'failed' ? '✗' : '–'} <span data-testid="group-${key}">${n}</span></span>`;
  return [
    `<details class="card" data-testid="group" data-group="${e(row.group)}"${row.failed > row.known ? ' open' : ''}>`,
    `<summary><span class="group-name">${e(row.group)}</span> <span class="check-title"><span data-testid="group-checks">${row.checks}</span> checks</span>`,
    `<span class="counts">${pill('passed', row.passed)}${pill('failed', row.failed)}${pill('skipped', row.skipped)}<span class="time">${duration(row.ms)}</span></span></summary>`,
    '<div class="body"><table><thead><tr><th>status</th><th>check</th><th>time</th><th>requests</th></tr></thead><tbody>',
    ...row.results.map(checkRow),
    '</tbody></table></div></details>',
  ].join('\n');
}

function tile(key: string, n: number, label: string): string {
  return `<div class="tile ${key}"><span class="n" data-testid="count-${key}">${n}</span><span class="l">${e(label)}</span></div>`;
}

function header(report: VerifyReport): string {
  const verdict = { passed: 'passed', failed: 'failed', 'could-not-run': 'could not run' }[report.outcome];
  const meta: Array<[string, string, string]> = [
    ['target', 'target', report.target],
    ['profile', 'profile', report.profile ?? '-'],
    ['seed', 'seed', String(report.seed)],
    ['runs', 'runs per property', String(report.runs)],
    ['started', 'started', report.startedAt],
    ['duration', 'time', duration(report.durationMs)],
    ['requests', 'requests', String(report.requests)],
  ];
  return [
    `<header class="run ${report.outcome}">`,
    `<span class="verdict ${report.outcome}" data-testid="outcome">${e(verdict.toUpperCase())}</span>`,
    '<h1>suiterun-kit verify</h1>',
    reasonHtml(report.reason),
    `<dl class="meta">${meta.map(([id, dt, dd]) => `<div><dt>${e(dt)}</dt><dd data-testid="${id}">${e(dd)}</dd></div>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}

function tiles(report: VerifyReport): string {
  const s = report.summary;
  const failedLabel = s.known ? `failed (${s.known} known)` : 'failed';
  return [
    '<section class="tiles">',
    tile('checks', s.checks, 'checks'),
    tile('passed', s.passed, 'passed'),
    tile('failed', s.failed, failedLabel),
    ...(report.baseline ? [tile('known', s.known, 'known (baseline)')] : []),
    tile('skipped', s.skipped, 'skipped'),
    '</section>',
  ].join('\n');
}

function failuresSection(report: VerifyReport): string {
  const failed = report.results.filter((r) => r.status === 'failed');
  const fresh = failed.filter((r) => r.baseline !== 'known');
  const known = failed.filter((r) => r.baseline === 'known');
  const out = [`<h2 id="failures">Failures (${fresh.length})</h2>`];
  // The first few new failures open; the rest stay folded so the page stays scannable.
  out.push(
    fresh.length ? fresh.map((r, i) => failureCard(r, i < 3)).join('\n') : '<p class="none">No new failures.</p>',
  );
  if (known.length)
    out.push(
      `<h2>Known failures (${known.length}, in the baseline)</h2>`,
      known.map((r) => failureCard(r, false)).join('\n'),
    );
  const fixed = report.baseline?.fixed ?? [];
  if (fixed.length) {
    out.push(
      `<p class="notice fixed" data-testid="fixed">Fixed, remove from the baseline: ${fixed.map((id) => `<code>${e(id)}</code>`).join(', ')}</p>`,
    );
  }
  if (report.baseline?.notRun.length) {
    out.push(
      `<p class="notice">In the baseline but not run (not selected or skipped): ${report.baseline.notRun.map((id) => `<code>${e(id)}</code>`).join(', ')}</p>`,
    );
  }
  return out.join('\n');
}

export function renderHtml(report: VerifyReport): string {
  const body: string[] = [header(report)];
  if (report.outcome !== 'could-not-run') {
    const nav =
      '<nav class="jump">Jump to <a href="#failures">failures</a> · <a href="#groups">results by group</a></nav>';
    body.push(
      tiles(report),
      nav,
      failuresSection(report),
      '<h2 id="groups">Results by group</h2>',
      ...groupRows(report.results).map(groupCard),
    );
  }
  if (report.notes.length)
    body.push('<h2>Notes</h2>', `<ul class="notes">${report.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
  body.push(
    '<footer>Generated by <code>suiterun-kit verify</code>. Replay a failure with the command it shows; the curl lines read the keys from $SUITERUN_API_KEY and friends.</footer>',
  );
  const title = `suiterun-kit verify: ${report.outcome} · ${report.target}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing to load: the page is all here. This also keeps an escaped-wrongly string from running.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${e(title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body><div class="page">',
    ...body,
    '</div></body>',
    '</html>',
    '',
  ].join('\n');
}
