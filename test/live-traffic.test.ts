// The proxy and the audit on a real browser's traffic: headless Chromium runs a small app on the
// typed client through `suiterun-kit proxy` against the reference server. Against the clean
// server nothing is found; against a server with one deliberate fault, the finding names the
// rule that fault breaks. The same session recorded as HAR (Playwright's recordHar) and given
// to `audit` gives the same findings.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHar, loadLiveContracts, startProxy, type Finding } from '../conformance/live/index.ts';
import { FAULTS, startServer, type FaultName } from '../src/server/index.ts';
import { findChromium, launchChromium, NO_CHROMIUM_REASON } from './support/browser.ts';
import { bundlePage } from './support/live/live-page.ts';

const chromiumPath = findChromium();
const dir = mkdtempSync(join(tmpdir(), 'live-traffic-'));
const KEYS = { main: 'sk_test_alpha', other: 'sk_test_bravo', madeUp: 'sk_made_up_by_the_page' };

/**
 * The rule each fault breaks, as a passive observer sees it. Every fault of src/server/faults/
 * is observable from this page's traffic; two only through a neighbouring rule:
 * - any-bearer-accepted: the observer cannot know that a key is made up; the made-up key reads a
 *   suite seen under another key, which is tenancy-isolation (each key is taken as its own workspace).
 * - tenancy-403: a 403 is a status the operation does not document (and not 404).
 */
const EXPECTED: Record<FaultName, string> = {
  'cancel-touches-terminal': 'cancel-leaves-terminal',
  'cancel-skips-running': 'cancel-settles',
  'cancel-completed-suite': 'terminal-final',
  'recancel-moves-ended-at': 'terminal-final',
  'status-ignores-cancelled': 'derivation-status',
  'results-count-failed-runs': 'derivation-results',
  'verdict-on-unfinished': 'derivation-verdict',
  'ended-at-earliest': 'derivation-ended-at',
  'lookup-before-auth': 'auth-first',
  'any-bearer-accepted': 'tenancy-isolation',
  'tenancy-403': 'status-documented',
  'tenancy-leak': 'tenancy-isolation',
  'malformed-id-500': 'malformed-id-404',
  'lowercase-ids': 'id-format',
  'short-ids': 'id-format',
  'cancel-answers-stale': 'cancel-settles',
  'idempotency-key-ignored': 'idempotency-replay',
  'resubmit-reruns-passed': 'resubmit-reruns-failed',
};

interface Session {
  log: string[];
  proxied: Finding[];
  audited: Finding[];
}

const identity = (f: Finding) => `${f.rule} ${f.operation} ${f.requestId ?? '-'}`;

if (!chromiumPath && process.env.CI) {
  describe('live traffic in Chromium', () => {
    it('needs Chromium in CI', () => {
      throw new Error(`CI is set but ${NO_CHROMIUM_REASON}`);
    });
  });
}

describe.skipIf(!chromiumPath)(
  `live traffic from Chromium through the proxy${chromiumPath ? '' : ` (SKIPPED: ${NO_CHROMIUM_REASON})`}`,
  () => {
    let browser: Browser;
    let html: string;

    beforeAll(async () => {
      [browser, html] = await Promise.all([launchChromium(chromiumPath!), bundlePage(), loadLiveContracts()]).then(
        ([b, h]) => [b, h] as const,
      );
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function session(name: string, faults: FaultName[]): Promise<Session> {
      const server = await startServer({ control: true, faults });
      const proxy = await startProxy({ target: server.url, contracts: await loadLiveContracts() });
      const har = join(dir, `${name}.har`);
      const context = await browser.newContext({ recordHar: { path: har, urlFilter: /\/(v1|_control)\// } });
      try {
        const page = await context.newPage();
        // The page is served at the proxy's origin (so its calls are same-origin) without reaching the proxy.
        await page.route(`${proxy.url}/__page`, (route) =>
          route.fulfill({ status: 200, contentType: 'text/html', body: html }),
        );
        await page.goto(`${proxy.url}/__page`);
        const log = await page.evaluate(({ url, keys }) => (window as any).runScenario(url, keys), {
          url: proxy.url,
          keys: KEYS,
        });
        await context.close();
        await proxy.close();
        const proxied = proxy.report().findings;
        const audited = (await auditHar(readFileSync(har, 'utf8'), har)).findings;
        return { log, proxied, audited };
      } finally {
        await context.close().catch(() => undefined);
        await proxy.close().catch(() => undefined);
        await server.close();
      }
    }

    it('finds nothing in a clean session, and the HAR of it audits clean too', { timeout: 60_000 }, async () => {
      const { log, proxied, audited } = await session('clean', []);
      expect(log).toEqual(
        expect.arrayContaining([
          'cancel 200',
          'other workspace 404',
          'no key 401',
          'made-up key 401',
          'bad id 404',
          'resubmit 202 retry 202',
        ]),
      );
      expect(proxied.map(identity)).toEqual([]);
      expect(audited.map(identity)).toEqual([]);
      const har = readFileSync(join(dir, 'clean.har'), 'utf8');
      expect(JSON.parse(har).log.entries.length).toBeGreaterThan(25);
    });

    it.each(Object.keys(FAULTS) as FaultName[])(
      'with the fault %s the finding names the broken rule, live and from the HAR alike',
      { timeout: 60_000 },
      async (fault) => {
        const { proxied, audited } = await session(fault, [fault]);
        expect(proxied.map((f) => f.rule)).toContain(EXPECTED[fault]);
        expect(audited.map(identity).sort()).toEqual(proxied.map(identity).sort());
        // Keys never appear in a finding.
        expect(JSON.stringify(proxied)).not.toMatch(/sk_test_alpha|sk_test_bravo|sk_made_up/);
      },
    );
  },
);
