// No false positives (issue 9 §2): the variations proxy rewrites the reference server's answers
// in each way the contract allows, one variation at a time, and `verify` passes through every one.
// The mirror of test/conformance-mutants.test.ts (mutants prove a check can fail; variations
// prove it does not fail what is allowed).
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { runVerify } from '../conformance/index.ts';
import {
  decodeCursor,
  encodeCursor,
  restamp,
  startVariationProxy,
  variations,
  type Variation,
} from '../conformance/testing/variations.ts';
import { toInstant } from '../conformance/oracle/instants.ts';
import { startServer } from '../src/server/index.ts';

const SEED = 9;
const RUNS = 10;

/**
 * A clock that moves by at least `step` ms per reading, on multiples of `step` (so fractions vary: .0, .125,
 * .25, ...).
 */
function steppedClock(step: number) {
  let last = 0;
  return {
    now: () => {
      last = Math.max(last + step, Math.floor(Date.now() / step) * step);
      return last;
    },
  };
}

/** The reference server a variation is put in front of (with its stepped clock, when it has one). */
function serverFor(variation: Variation) {
  return startServer({
    control: true,
    clock: 'manual',
    ...(variation.clockStepMs ? { timeSource: steppedClock(variation.clockStepMs) } : {}),
  });
}

async function verifyThrough(variation: Variation) {
  const server = await serverFor(variation);
  const proxy = await startVariationProxy(server.url, variation);
  try {
    return await runVerify({ target: proxy.url, seed: SEED, runs: RUNS });
  } finally {
    await proxy.close();
    await server.close();
  }
}

describe('the variations themselves', () => {
  it('restamp keeps the instant, writes 0 to 6 digits, the same way every time', () => {
    const digits = new Set<number>();
    for (let ms = 0; ms < 200_000; ms += 125) {
      const value = new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
      for (const offset of ['Z', '+00:00'] as const) {
        const out = restamp(value, offset);
        expect(toInstant(out)).toBe(toInstant(value));
        expect(out.endsWith(offset)).toBe(true);
        expect(restamp(value, offset)).toBe(out);
        if (offset === 'Z') expect(out).not.toBe(value);
        digits.add(/\.(\d+)/.exec(out)?.[1]?.length ?? 0);
      }
    }
    expect([...digits].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('the cursor encoding maps back, and leaves a cursor of another encoding alone', () => {
    const cursor = 'eyJ0IjoiMjAyNi0xMi0wMVQwNDo0Mjo1OC43ODVaIn0';
    expect(encodeCursor(cursor)).not.toContain(cursor);
    expect(decodeCursor(encodeCursor(cursor))).toBe(cursor);
    expect(decodeCursor('not-ours')).toBe('not-ours');
  });
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

function send(base: string, method: string, path: string): Promise<Raw> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method, headers: { authorization: 'Bearer sk_test_alpha', 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

/** What a reader sees of an answer, but for what differs from call to call (request id, date). */
function visible(raw: Raw): string {
  const { 'speechify-request-id': _id, date: _date, ...headers } = raw.headers;
  const body = raw.body.replace(/"request_id":"[^"]+"/g, '');
  return JSON.stringify([raw.status, Object.entries(headers).sort(), body]);
}

describe('each variation changes what the client sees (so that passing through it means something)', () => {
  it.each(variations().map((v) => [v.name, v] as const))('%s', async (_name, variation) => {
    const server = await serverFor(variation);
    const proxy = await startVariationProxy(server.url, variation);
    try {
      const made = await fetch(`${server.url}/_control/suite-runs`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_alpha', 'content-type': 'application/json' },
        body: JSON.stringify({
          children: [
            { status: 'completed', verdict: 'passed' },
            { status: 'failed', error: 'boom' },
            { status: 'running' },
          ],
        }),
      });
      const { id } = (await made.json()) as { id: string };
      const requests: Array<[string, string]> = [
        ['GET', `/v1/agents/tests/suite-runs/${id}`],
        ['GET', '/v1/agents/tests/suite-runs?limit=1'],
        ['GET', '/v1/agents/tests/suite-runs?limit=0'],
        ['POST', '/v1/agents/agent_bad/tests/runs'],
        ['GET', '/v1/agents/tests/test_bad/runs'],
      ];
      let changed = 0;
      let slowest = 0;
      for (const [method, path] of requests) {
        const direct = await send(server.url, method, path);
        const through = await send(proxy.url, method, path);
        if (visible(direct) !== visible(through)) changed += 1;
        slowest = Math.max(slowest, through.ms);
        if (variation.transport?.chunked) expect(through.headers['transfer-encoding']).toBe('chunked');
        if (variation.transport?.close) expect(through.headers.connection).toBe('close');
      }
      if (variation.transport?.delaysMs)
        expect(slowest).toBeGreaterThanOrEqual(Math.min(...variation.transport.delaysMs));
      else expect(changed, variation.what).toBeGreaterThan(0);
    } finally {
      await proxy.close();
      await server.close();
    }
  });
});

describe('verify passes through every variation the contract allows (no false positive)', () => {
  it.each(variations().map((v) => [v.name, v] as const))('%s', async (_name, variation) => {
    const report = await verifyThrough(variation);
    const failed = report.results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.failure?.message}`);
    expect(failed, variation.what).toEqual([]);
    expect(report.outcome).toBe('passed');
  });
});
