// suiterun-kit/msw in a browser: the handlers bundle with vite without any node built-in (and the
// bundle's size is measured), and headless Chromium runs a page whose API is only setupWorker
// with the handlers: it lists suite runs, cancels one and sees it cancelled.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium, NO_CHROMIUM_REASON } from './support/browser.ts';
import { bundleForBrowser } from './support/browser-bundle.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = mkdtempSync(path.join(tmpdir(), 'suiterun-msw-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the browser build of suiterun-kit/msw', () => {
  it('bundles for the browser with no node built-in; its own share stays small', async () => {
    const whole = await bundleForBrowser(path.join(here, 'support/msw-browser/handlers-only.ts'), out, 'whole');
    const own = await bundleForBrowser(path.join(here, 'support/msw-browser/handlers-only.ts'), out, 'own', {
      external: /^msw(\/|$)/,
    });
    // The numbers the README states (vite 8, minified; gzip -9), printed for whoever updates them.
    console.log(
      `suiterun-kit/msw browser bundle: with msw ${whole.minifiedBytes} B (gzip ${whole.gzipBytes} B); without msw ${own.minifiedBytes} B (gzip ${own.gzipBytes} B)`,
    );
    expect(own.gzipBytes).toBeLessThan(80 * 1024);
    expect(whole.gzipBytes).toBeGreaterThan(own.gzipBytes);
  });

  it('the guard is real: a module that reads files does not bundle', async () => {
    await expect(bundleForBrowser(path.join(here, '../src/store/fixtures.ts'), out, 'fs')).rejects.toThrow(
      /node built-in "node:(fs|path|url)"/,
    );
  });
});

const chromiumPath = findChromium();
const inCi = Boolean(process.env.CI);

describe.skipIf(!chromiumPath && !inCi)(
  `suiterun-kit/msw with setupWorker in headless Chromium${chromiumPath ? '' : ` (SKIPPED: ${NO_CHROMIUM_REASON})`}`,
  () => {
    let browser: Browser;
    let site: http.Server;
    let url: string;

    beforeAll(async () => {
      if (!chromiumPath) throw new Error(`CI is set but ${NO_CHROMIUM_REASON}`);
      const pageDir = mkdtempSync(path.join(out, 'site-'));
      await bundleForBrowser(path.join(here, 'support/msw-browser/page.ts'), pageDir, 'page');
      copyFileSync(
        fileURLToPath(import.meta.resolve('msw/mockServiceWorker.js')),
        path.join(pageDir, 'mockServiceWorker.js'),
      );
      writeFileSync(
        path.join(pageDir, 'index.html'),
        '<!doctype html><meta charset="utf-8"><title>suite runs</title><ul id="runs"></ul><script type="module" src="/page.js"></script>',
      );
      const files: Record<string, [string, string]> = {
        '/': ['index.html', 'text/html; charset=utf-8'],
        '/page.js': ['page.js', 'text/javascript'],
        '/mockServiceWorker.js': ['mockServiceWorker.js', 'text/javascript'],
      };
      // Static files only: there is no API server anywhere.
      site = http.createServer((req, res) => {
        const file = files[new URL(req.url ?? '/', 'http://x').pathname];
        if (!file) return void res.writeHead(404).end();
        res.writeHead(200, { 'Content-Type': file[1] }).end(readFileSync(path.join(pageDir, file[0])));
      });
      await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
      browser = await launchChromium(chromiumPath);
    });

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
    });

    it('lists suite runs, cancels a running one and sees it cancelled, every API answer from the service worker', async () => {
      const page = await browser.newPage();
      const apiAnswers: { url: string; fromServiceWorker: boolean }[] = [];
      page.on('response', (response) => {
        if (response.url().startsWith('https://api.suiterun.test/'))
          apiAnswers.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
      });
      const failures: string[] = [];
      page.on('pageerror', (error) => failures.push(error.message));
      await page.goto(url);
      await page.waitForSelector('body[data-ready=true]');
      expect(failures).toEqual([]);

      const rows = page.locator('#runs li');
      expect(await rows.count()).toBeGreaterThan(3);
      expect(await page.getAttribute('body', 'data-request-id')).toMatch(/^req_/);
      const running = page.locator('#runs li[data-status=running]').first();
      const id = (await running.getAttribute('data-id'))!;
      expect(id).toMatch(/^srun_/);
      await running.locator('button').click();
      await page.waitForSelector(`#runs li[data-id="${id}"][data-status=cancelled]`);
      expect(await page.getAttribute('body', 'data-cancel-status')).toBe('200');
      expect(apiAnswers.length).toBeGreaterThanOrEqual(3);
      expect(apiAnswers.filter((a) => !a.fromServiceWorker)).toEqual([]);
      await page.close();
    });
  },
);
