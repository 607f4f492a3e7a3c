// `verify --reporter html`: one self-contained page (no script, nothing loaded from anywhere),
// failures first with their minimal scenario, curl repro and replay command, results by group.
// The page is opened in headless Chromium and its counts must equal the JSON report's of the
// same run; every text must read back exactly as the report has it (escaping).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, VerifyReport } from '../conformance/index.ts';
import { renderHtml } from '../conformance/reporters/index.ts';
import { runVerifyCommand } from '../src/cli/verify.ts';
import { startServer } from '../src/server/index.ts';
import { findChromium, launchChromium, NO_CHROMIUM_REASON } from './support/browser.ts';
import { requirePiece } from './support/required.ts';

const chromiumPath = findChromium();
const dir = mkdtempSync(join(tmpdir(), 'verify-html-'));
const FAILING = 'cancel-leaves-terminal-children';

const HOSTILE = `</pre><script>window.pwned = 1</script><img src="http://127.0.0.1:9/x.png" onerror="window.pwned = 2">`;
function hostileReport(): VerifyReport {
  const failure = {
    checkId: 'cancel-a',
    title: `title ${HOSTILE}`,
    message: `message ${HOSTILE}\nsecond line & 'quotes' "double"`,
    exchanges: [
      {
        method: 'GET',
        url: 'http://127.0.0.1:9/v1?a=1&b=<c>',
        requestHeaders: { 'x-h': HOSTILE },
        status: 200,
        responseHeaders: {},
        responseBody: `{"k":"${'</script>'}"}`,
        ms: 1,
      },
    ],
    repro: [
      'export SUITERUN_API_KEY=sk_test_alpha',
      `curl -sS 'http://127.0.0.1:9/v1?a=1&b=<c>' -H "Authorization: Bearer $SUITERUN_API_KEY" --data-raw '{"x":"'\\''${HOSTILE}'\\''"}'  # -> 200`,
    ],
    scenario: `{"children":["${HOSTILE}"]}`,
    seed: 7,
    path: '0:1',
    rule: 'cancel-terminal-child-unchanged',
    kind: 'violation' as const,
    replay: `suiterun-kit verify --only cancel-a --seed 7 --path '0:1'`,
  };
  const result: CheckResult = {
    id: 'cancel-a',
    group: 'cancel',
    title: failure.title,
    status: 'failed',
    failure,
    durationMs: 5,
    requests: 1,
  };
  return {
    outcome: 'failed',
    reason: `1 of 1 checks failed: cancel-a ${HOSTILE}`,
    target: `http://127.0.0.1:9/${HOSTILE}`,
    profile: 'control',
    seed: 7,
    runs: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 5,
    requests: 1,
    results: [result],
    summary: { checks: 1, passed: 0, failed: 1, skipped: 0, known: 0 },
    notes: [HOSTILE],
  };
}

describe('the html report as a file', () => {
  it('is self-contained: inline style, no script, nothing that loads a resource, a CSP that forbids loading', () => {
    const html = renderHtml(hostileReport());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(
      /<(script|img|link|iframe|object|embed|video|audio|source)\b|\ssrc\s*=\s*["']|@import|url\(/i,
    );
    expect(html).not.toMatch(/href="(?!#)/);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
  });
});

describe.skipIf(!requirePiece('Chromium', Boolean(chromiumPath), NO_CHROMIUM_REASON))(
  `the html report in headless Chromium${chromiumPath ? '' : ` (skipped: ${NO_CHROMIUM_REASON})`}`,
  () => {
    let browser: Browser;
    let html: string;
    let json: VerifyReport;
    let code: number;
    beforeAll(async () => {
      const server = await startServer({ control: true, clock: 'manual', faults: ['cancel-touches-terminal'] });
      try {
        html = join(dir, 'report.html');
        const jsonFile = join(dir, 'report.json');
        const quiet = { stdout: () => {}, stderr: () => {} };
        code = await runVerifyCommand(
          {
            control: true,
            target: server.url,
            runs: 20,
            seed: 42,
            timeoutMs: 5000,
            reporter: [`json=${jsonFile}`, 'html'],
            out: html,
          },
          quiet,
        );
        json = JSON.parse(readFileSync(jsonFile, 'utf8'));
      } finally {
        await server.close();
      }
      browser = await launchChromium(chromiumPath!);
    });
    afterAll(async () => {
      await browser?.close();
    });

    /** Opens a file with CSP bypassed (so a stray resource would really be fetched) and records every request. */
    async function open(file: string): Promise<{ page: Page; requests: string[] }> {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(file).href);
      await page.waitForLoadState('load');
      return { page, requests };
    }
    const text = async (page: Page, selector: string) => (await page.locator(selector).textContent())?.trim();

    it('the request recorder does see a page that loads something (so the next assertions can fail)', async () => {
      const file = join(dir, 'loads.html');
      writeFileSync(file, '<!doctype html><img src="http://127.0.0.1:9/pixel.png">');
      const { page, requests } = await open(file);
      expect(requests).toContain('http://127.0.0.1:9/pixel.png');
      await page.context().close();
    });

    it('shows the counts of the JSON report of the same run, overall and per group, and made no request but the file', async () => {
      expect(code).toBe(1);
      const { page, requests } = await open(html);
      try {
        expect(requests).toEqual([pathToFileURL(html).href]);
        const s = json.summary;
        expect(await text(page, '[data-testid=count-checks]')).toBe(String(s.checks));
        expect(await text(page, '[data-testid=count-passed]')).toBe(String(s.passed));
        expect(await text(page, '[data-testid=count-failed]')).toBe(String(s.failed));
        expect(await text(page, '[data-testid=count-skipped]')).toBe(String(s.skipped));
        expect(s.failed).toBeGreaterThan(0);
        const groups = await page.locator('[data-testid=group]').evaluateAll((nodes) =>
          nodes.map((n) => ({
            group: n.getAttribute('data-group'),
            checks: Number(n.querySelector('[data-testid=group-checks]')!.textContent),
            passed: Number(n.querySelector('[data-testid=group-passed]')!.textContent),
            failed: Number(n.querySelector('[data-testid=group-failed]')!.textContent),
            skipped: Number(n.querySelector('[data-testid=group-skipped]')!.textContent),
          })),
        );
        const expected = [...new Set(json.results.map((r) => r.group))].map((group) => {
          const rs = json.results.filter((r) => r.group === group);
          const n = (status: string) => rs.filter((r) => r.status === status).length;
          return { group, checks: rs.length, passed: n('passed'), failed: n('failed'), skipped: n('skipped') };
        });
        expect(groups).toEqual(expected);
        const rows = await page
          .locator('[data-testid=check]')
          .evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-check'), n.getAttribute('data-status')]));
        expect(rows).toEqual(json.results.map((r) => [r.id, r.status]));
        expect(await text(page, '[data-testid=target]')).toBe(json.target);
        expect(await text(page, '[data-testid=seed]')).toBe(String(json.seed));
        expect(await text(page, '[data-testid=requests]')).toBe(String(json.requests));
        expect(await text(page, '[data-testid=outcome]')).toBe('FAILED');
      } finally {
        await page.context().close();
      }
    });

    it('puts failures first, open, each with its minimal scenario, replay command and curl repro exactly as the report has them', async () => {
      const { page } = await open(html);
      try {
        const headings = await page.locator('h2').allTextContents();
        expect(headings[0]).toMatch(/^Failures \(\d+\)$/);
        expect(headings.indexOf('Results by group')).toBeGreaterThan(0);
        const failed = json.results.filter((r) => r.status === 'failed');
        expect(await page.locator('[data-testid=failure]').count()).toBe(failed.length);
        const card = page.locator(`[data-testid=failure][data-check="${FAILING}"]`);
        const f = json.results.find((r) => r.id === FAILING)!.failure!;
        expect(f.replay).toMatch(/--seed 42 --path '/);
        expect(await card.locator('[data-testid=repro]').textContent()).toBe(f.repro.join('\n'));
        expect(await card.locator('[data-testid=replay]').textContent()).toBe(f.replay);
        expect(await card.locator('[data-testid=scenario]').textContent()).toBe(f.scenario);
        expect(
          await page
            .locator('[data-testid=failure]')
            .first()
            .evaluate((d) => (d as HTMLDetailsElement).open),
        ).toBe(true);
        const cancel = page.locator('[data-testid=group][data-group=cancel]');
        expect(await cancel.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
        expect(
          await page.locator('[data-testid=group][data-group=version]').evaluate((d) => (d as HTMLDetailsElement).open),
        ).toBe(false);
      } finally {
        await page.context().close();
      }
    });

    it('escapes every text: hostile strings read back exactly and nothing runs or loads', async () => {
      const report = hostileReport();
      const file = join(dir, 'hostile.html');
      writeFileSync(file, renderHtml(report));
      const { page, requests } = await open(file);
      try {
        expect(requests).toEqual([pathToFileURL(file).href]);
        expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
        expect(await page.locator('script, img').count()).toBe(0);
        const f = report.results[0]!.failure!;
        expect(await page.locator('[data-testid=repro]').textContent()).toBe(f.repro.join('\n'));
        expect(await page.locator('[data-testid=message]').textContent()).toBe(f.message);
        expect(await page.locator('[data-testid=scenario]').textContent()).toBe(f.scenario);
        expect(await text(page, '[data-testid=target]')).toBe(report.target);
      } finally {
        await page.context().close();
      }
    });
  },
);
