// The HTML report's stylesheet, inlined in the page (the report is one file, it loads nothing).
export const HTML_STYLE = `
:root {
  --bg: #f6f7f9; --card: #fff; --text: #1d2230; --muted: #5e6678; --line: #dfe3ea; --code: #f0f2f6;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
  --known: #9a6700; --known-bg: #fff8c5; --skip: #57606a; --skip-bg: #eaeef2;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --card: #161b22; --text: #e6edf3; --muted: #9198a1; --line: #30363d; --code: #1f2630;
    --pass: #3fb950; --pass-bg: #12261e; --fail: #f85149; --fail-bg: #2d1214;
    --known: #d29922; --known-bg: #2b2111; --skip: #9198a1; --skip-bg: #21262d;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.page { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
pre { background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 6px 0 12px; overflow-x: auto; white-space: pre; }
pre.wrap { white-space: pre-wrap; overflow-wrap: anywhere; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 18px; margin: 32px 0 12px; }
h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 14px 0 2px; }
header.run { background: var(--card); border: 1px solid var(--line); border-left: 8px solid var(--pass); border-radius: 8px; padding: 18px 20px; }
header.run.failed { border-left-color: var(--fail); }
header.run.could-not-run { border-left-color: var(--known); }
.verdict { display: inline-block; font-weight: 700; font-size: 13px; letter-spacing: .06em; padding: 2px 10px; border-radius: 999px; margin-bottom: 6px; }
.verdict.passed { color: var(--pass); background: var(--pass-bg); }
.verdict.failed { color: var(--fail); background: var(--fail-bg); }
.verdict.could-not-run { color: var(--known); background: var(--known-bg); }
.reason { margin: 6px 0 12px; }
details.reason > summary { cursor: pointer; }
.facts { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
nav.jump { color: var(--muted); font-size: 14px; margin: 14px 0 0; }
dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px 20px; margin: 0; }
dl.meta div { min-width: 0; }
dl.meta dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 12px; margin: 16px 0 0; }
.tile { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.tile .n { display: block; font-size: 28px; font-weight: 700; line-height: 1.2; }
.tile .l { color: var(--muted); font-size: 13px; }
.tile.passed .n { color: var(--pass); } .tile.failed .n { color: var(--fail); } .tile.known .n { color: var(--known); } .tile.skipped .n { color: var(--skip); }
.badge { display: inline-block; min-width: 52px; text-align: center; font-size: 11px; font-weight: 700; letter-spacing: .05em; padding: 1px 8px; border-radius: 999px; text-transform: uppercase; }
.badge.passed { color: var(--pass); background: var(--pass-bg); } .badge.failed { color: var(--fail); background: var(--fail-bg); }
.badge.known { color: var(--known); background: var(--known-bg); } .badge.skipped { color: var(--skip); background: var(--skip-bg); }
.badge.fixed { color: var(--pass); background: var(--pass-bg); }
details.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin: 10px 0; }
details.card > summary { cursor: pointer; padding: 12px 16px; list-style-position: inside; }
details.card > summary:hover { background: var(--code); border-radius: 8px; }
details.card[open] > summary { border-bottom: 1px solid var(--line); }
details.card > .body { padding: 4px 16px 12px; }
details.failure { border-left: 5px solid var(--fail); }
details.failure.known { border-left-color: var(--known); }
.check-title { color: var(--muted); }
.group-tag { color: var(--muted); font-size: 12px; border: 1px solid var(--line); border-radius: 4px; padding: 0 6px; margin-left: 4px; }
.message { font-weight: 600; }
details.exchanges > summary { cursor: pointer; color: var(--muted); margin: 8px 0; }
.exchange { border-top: 1px dashed var(--line); padding-top: 6px; margin-top: 6px; }
.counts { float: right; display: flex; gap: 6px; align-items: center; }
.counts .time { color: var(--muted); font-size: 13px; min-width: 56px; text-align: right; }
.group-name { font-weight: 700; }
table { width: 100%; border-collapse: collapse; margin: 8px 0; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td .note { color: var(--muted); font-size: 13px; }
a { color: inherit; }
.notice { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; }
.notice.fixed { border-left: 5px solid var(--pass); }
ul.notes { color: var(--muted); }
footer { color: var(--muted); font-size: 13px; margin-top: 40px; }
.none { color: var(--pass); font-weight: 600; }
`;
