import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PUBLIC_SPEC_PATH } from '../contract/index.ts';
import { findChromium, launchChromium, NO_CHROMIUM_REASON } from '../../test/support/browser.ts';
import { requirePiece } from '../../test/support/required.ts';
import { createDocsRouter } from './index.ts';

const chromiumPath = findChromium();

describe('API reference routes', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const app = express();
    app.use(createDocsRouter());
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the spec as YAML, byte for byte', async () => {
    const response = await fetch(`${base}/openapi.yaml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/yaml/);
    expect(await response.text()).toBe(readFileSync(PUBLIC_SPEC_PATH, 'utf8'));
  });

  it('serves the same spec as JSON, its servers entry naming the origin it is served from', async () => {
    const response = await fetch(`${base}/openapi.json`);
    expect(response.status).toBe(200);
    const { servers, ...served } = (await response.json()) as Record<string, unknown>;
    const { servers: written, ...spec } = parse(readFileSync(PUBLIC_SPEC_PATH, 'utf8')) as Record<string, unknown>;
    expect(served).toEqual(spec);
    expect(written).toEqual([expect.objectContaining({ url: 'http://127.0.0.1:4010' })]);
    expect(servers).toEqual([{ url: base, description: expect.any(String) }]);
  });

  it('names the host the request came to, not a fixed port', async () => {
    const { hostname, port } = new URL(base);
    const body = await new Promise<string>((resolve, reject) => {
      const request = get(
        { hostname, port, path: '/openapi.json', headers: { host: 'docs.test:8123' } },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve(text));
        },
      );
      request.on('error', reject);
    });
    expect((JSON.parse(body) as { servers: { url: string }[] }).servers[0]!.url).toBe('http://docs.test:8123');
  });

  it('serves the page and its renderer from the installed package, no CDN', async () => {
    const page = await (await fetch(`${base}/docs`)).text();
    expect(page).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${base}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(Number(bundle.headers.get('content-length'))).toBeGreaterThan(100_000);
  });

  describe.skipIf(!requirePiece('Chromium', Boolean(chromiumPath), NO_CHROMIUM_REASON))(
    `rendered in headless Chromium${chromiumPath ? '' : ` (skipped: ${NO_CHROMIUM_REASON})`}`,
    () => {
      it('shows the cancel operation', async () => {
        const browser = await launchChromium(chromiumPath!);
        try {
          const page = await browser.newPage();
          const offsite: string[] = [];
          page.on('request', (request) => {
            if (!request.url().startsWith(base)) offsite.push(request.url());
          });
          await page.goto(`${base}/docs`);
          const cancel = page.locator('#operations-suite-runs-cancelSuiteRun');
          await cancel.waitFor({ timeout: 30_000 });
          expect(await cancel.textContent()).toContain('/v1/agents/tests/suite-runs/{suite_run_id}/cancel');
          expect(offsite).toEqual([]);
        } finally {
          await browser.close();
        }
      });
    },
  );
});

describe('the reference server serves the API reference', () => {
  it('answers /docs and /openapi.json without a key, while the API still wants one', async () => {
    const { startServer } = await import('../server/index.ts');
    const server = await startServer();
    try {
      const docs = await fetch(`${server.url}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger-ui-bundle.js');
      const spec = await fetch(`${server.url}/openapi.json`);
      expect((await spec.json()).openapi).toBe('3.1.0');
      const api = await fetch(`${server.url}/v1/agents/tests/suite-runs`);
      expect(api.status).toBe(401);
      const postDocs = await fetch(`${server.url}/docs`, { method: 'POST' });
      expect(postDocs.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
