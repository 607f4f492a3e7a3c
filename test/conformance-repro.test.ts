// Minimal reproductions (issue 9 §4): a failure's repro holds the set-up it needs and the
// offending exchange, nothing else. For a few faults and mutants (a malformed id, tenancy, auth)
// the repro is a handful of curl lines, and replayed on a fresh target with the same fault
// (ids made by its set-up mapped to the ones the fresh target makes) its last answer is the
// offending one again.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYS, runVerify, type ExchangeRecord, type FailureReport } from '../conformance/index.ts';
import { minimalScenario } from '../conformance/checks/support.ts';
import type { Exchange } from '../conformance/http/exchange.ts';
import { startMutantProxy, type Mutation, type ProxiedResponse } from '../conformance/testing/mutant-proxy.ts';
import { startServer } from '../src/server/index.ts';
import type { FaultName } from '../src/server/faults/index.ts';

interface Recorded {
  method: string;
  path: string;
  body: string;
  status: number;
  text: string;
}

/** A proxy mutation that records every exchange (after `inner` changed it). */
function recording(inner: Mutation, log: Recorded[]): Mutation {
  return {
    response: (req, res) => {
      const out: ProxiedResponse = inner.response ? inner.response(req, res) : res;
      log.push({ method: req.method, path: req.path, body: req.body, status: out.status, text: out.body });
      return out;
    },
  };
}

interface CurlLine {
  method: string;
  url: URL;
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

/** The shell words of one repro line (single quotes with '\'' escapes, double quotes with $KEYS). */
function words(line: string): string[] {
  const env: Record<string, string> = {
    SUITERUN_API_KEY: DEFAULT_KEYS.main,
    SUITERUN_OTHER_API_KEY: DEFAULT_KEYS.other,
    SUITERUN_REVOKED_API_KEY: DEFAULT_KEYS.revoked,
  };
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    if (i >= line.length || line[i] === '#') break;
    let word = '';
    while (i < line.length && line[i] !== ' ') {
      if (line[i] === "'") {
        const end = line.indexOf("'", i + 1);
        word += line.slice(i + 1, end);
        i = end + 1;
      } else if (line[i] === '"') {
        const end = line.indexOf('"', i + 1);
        word += line.slice(i + 1, end).replace(/\$([A-Z_]+)/g, (_m, name: string) => env[name] ?? '');
        i = end + 1;
      } else if (line[i] === '\\') {
        word += line[i + 1];
        i += 2;
      } else word += line[i++];
    }
    out.push(word);
  }
  return out;
}

function parseCurl(line: string): CurlLine {
  const w = words(line);
  expect(w[0]).toBe('curl');
  const parsed: CurlLine = {
    method: 'GET',
    url: new URL('http://x'),
    path: '',
    headers: {},
    body: '',
    status: Number(/# -> (\d+)/.exec(line)?.[1]),
  };
  for (let i = 1; i < w.length; i++) {
    if (w[i] === '-X') parsed.method = w[++i]!;
    else if (w[i] === '-H') {
      const h = w[++i]!;
      const colon = h.indexOf(':');
      parsed.headers[h.slice(0, colon).toLowerCase()] = h.slice(colon + 1).trim();
    } else if (w[i] === '--data-raw') parsed.body = w[++i]!;
    else if (/^https?:/.test(w[i]!)) {
      parsed.url = new URL(w[i]!);
      parsed.path = w[i]!.slice(parsed.url.origin.length);
    }
  }
  return parsed;
}

const MADE = /(?:srun|run)_[0-9A-Z]{26}/g;
const idsIn = (text: string) => [...new Set(text.match(MADE) ?? [])];

function send(base: string, c: CurlLine, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // Sent byte for byte (`%2E%2E` stays as written, as curl --path-as-is does).
    const url = new URL(base);
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: c.method,
        headers: { ...c.headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body || undefined);
  });
}

/**
 * Replays the repro's curl lines on a fresh target. Each line is matched (from the last back) to
 * the exchange of the original run it shows, so that the ids its answer made can be mapped to the
 * ids the fresh target makes for the same request. Returns the last answer.
 */
async function replay(
  repro: string[],
  original: Recorded[],
  freshBase: string,
): Promise<{ status: number; text: string }> {
  const lines = repro.filter((l) => l.startsWith('curl ')).map(parseCurl);
  const matched: Recorded[] = [];
  let before = original.length;
  const usedLater = new Set<string>();
  for (let j = lines.length - 1; j >= 0; j--) {
    const c = lines[j]!;
    const candidates: number[] = [];
    for (let k = before - 1; k >= 0; k--) {
      const r = original[k]!;
      if (r.method === c.method && r.path === c.path && r.body === c.body && r.status === c.status) candidates.push(k);
    }
    expect(candidates.length, `the repro line ${j} is an exchange of the run`).toBeGreaterThan(0);
    const k = candidates.find((i) => idsIn(original[i]!.text).some((id) => usedLater.has(id))) ?? candidates[0]!;
    matched[j] = original[k]!;
    before = k;
    for (const id of idsIn(`${c.path} ${c.body}`)) usedLater.add(id);
  }
  const map = new Map<string, string>();
  const mapIds = (text: string) => text.replace(MADE, (id) => map.get(id) ?? id);
  let last = { status: 0, text: '' };
  for (const [j, c] of lines.entries()) {
    last = await send(freshBase, c, mapIds(c.path), mapIds(c.body));
    const was = idsIn(matched[j]!.text);
    const now = idsIn(last.text);
    if (was.length === now.length) {
      was.forEach((id, i) => {
        if (!map.has(id)) map.set(id, now[i]!);
      });
    }
  }
  return last;
}

const codeOf = (text: string) => {
  try {
    return (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

interface Case {
  name: string;
  check: string;
  faults?: FaultName[];
  mutation?: Mutation;
}

const CASES: Case[] = [
  {
    // One wrong error code among the ~100 lookups of the check, late in its loop: the repro used
    // to be every one of them (104 curl lines).
    name: 'one malformed id of the last operation answers a wrong code',
    check: 'notfound-malformed-ids',
    mutation: {
      response: (req, res) =>
        req.method === 'POST' &&
        /^\/v1\/agents\/tests\/[^/]+\/runs$/.test(req.path) &&
        req.path.includes('%2E') &&
        res.status === 404
          ? { ...res, body: res.body.replace('"not_found"', '"bad_request"') }
          : res,
    },
  },
  { name: 'serve --fault malformed-id-500', check: 'notfound-malformed-ids', faults: ['malformed-id-500'] },
  {
    name: "serve --fault tenancy-leak (another workspace's suite is readable)",
    check: 'tenancy-other-workspace-suite-404',
    faults: ['tenancy-leak'],
  },
  { name: 'serve --fault tenancy-403', check: 'tenancy-other-workspace-suite-404', faults: ['tenancy-403'] },
  { name: 'serve --fault any-bearer-accepted', check: 'auth-unknown-key', faults: ['any-bearer-accepted'] },
  { name: 'serve --fault lookup-before-auth', check: 'auth-decided-first', faults: ['lookup-before-auth'] },
];

async function target(c: Case, log: Recorded[]) {
  const server = await startServer({ control: true, clock: 'manual', ...(c.faults ? { faults: c.faults } : {}) });
  const proxy = await startMutantProxy(server.url, recording(c.mutation ?? {}, log));
  return {
    url: proxy.url,
    close: async () => {
      await proxy.close();
      await server.close();
    },
  };
}

describe('a failure repro is its set-up and the offending exchange', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const log: Recorded[] = [];
    const first = await target(c, log);
    let failure: FailureReport | undefined;
    try {
      const report = await runVerify({ target: first.url, seed: 3, runs: 10, only: [c.check] });
      failure = report.results.find((r) => r.id === c.check)?.failure;
    } finally {
      await first.close();
    }
    expect(failure, `${c.check} must fail`).toBeDefined();
    const curls = failure!.repro.filter((l) => l.startsWith('curl '));
    // A handful: the set-up (a suite of each workspace at most) and the offending request.
    expect(curls.length, failure!.repro.join('\n')).toBeGreaterThan(0);
    expect(curls.length, failure!.repro.join('\n')).toBeLessThanOrEqual(3);
    const offending = failure!.exchanges.at(-1) as ExchangeRecord;
    expect(curls.at(-1)).toContain(`'${offending.url}'`);

    const fresh = await target(c, []);
    try {
      const again = await replay(failure!.repro, log, fresh.url);
      expect(again.status).toBe(offending.status);
      expect(codeOf(again.text)).toBe(codeOf(offending.responseBody));
      if (offending.status === 200) expect(idsIn(again.text).length).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
  });
});

describe('minimalScenario', () => {
  let seq = 0;
  const ex = (method: string, path: string, status: number, text = '', more: Partial<Exchange> = {}): Exchange =>
    ({
      seq: seq++,
      api: 'public',
      method,
      url: `http://t${path}`,
      path,
      requestHeaders: {},
      status,
      responseHeaders: {},
      text,
      ms: 1,
      startedAt: seq,
      endedAt: seq + 0.5,
      probe: false,
      ...more,
    }) as Exchange;
  const A = 'srun_01M8QZ07C9ENBSCVP3F2CVZF4M';
  const B = 'srun_01M8QZ07CBX5VK7D2AV1FTP113';
  const R = 'run_01M8QZ07CBX5VK7D2AV1FTP114';

  it('keeps the writes the offending exchange depends on, transitively, and drops reads and unrelated writes', () => {
    const makeA = ex('POST', '/_control/suite-runs', 201, JSON.stringify({ id: A, runs: [{ id: R }] }));
    const makeB = ex('POST', '/_control/suite-runs', 201, JSON.stringify({ id: B }));
    const readA = ex('GET', `/v1/agents/tests/suite-runs/${A}`, 200, JSON.stringify({ id: A }));
    const advance = ex('POST', `/_control/runs/${R}/advance`, 200, JSON.stringify({ id: R }));
    const refused = ex('POST', `/v1/agents/tests/suite-runs/${A}/resubmit`, 409, '{}');
    const lookups = Array.from({ length: 50 }, (_, i) => ex('GET', `/v1/agents/tests/suite-runs/srun_bad${i}`, 404));
    const offending = ex('POST', `/v1/agents/tests/suite-runs/${A.toLowerCase()}/cancel`, 200, '{}');
    const after = ex('POST', `/v1/agents/tests/suite-runs/${A}/cancel`, 200, JSON.stringify({ id: A }));
    const trace = [makeA, makeB, readA, advance, refused, ...lookups, offending, after];
    expect(minimalScenario(trace, [offending])).toEqual([makeA, advance, offending]);
  });

  it('keeps an earlier request with the same Idempotency-Key, and the offending exchanges last', () => {
    const first = ex('POST', '/v1/agents/tests/runs/batch', 202, JSON.stringify({ suite_run: { id: A } }), {
      requestHeaders: { 'Idempotency-Key': 'k1' },
    });
    const other = ex('POST', '/v1/agents/tests/runs/batch', 202, JSON.stringify({ suite_run: { id: B } }), {
      requestHeaders: { 'Idempotency-Key': 'k2' },
    });
    const second = ex('POST', '/v1/agents/tests/runs/batch', 202, JSON.stringify({ suite_run: { id: B } }), {
      requestHeaders: { 'Idempotency-Key': 'k1' },
    });
    expect(minimalScenario([first, other, second], [second])).toEqual([first, other, second]);
    expect(minimalScenario([first, second], [second]).at(-1)).toBe(second);
  });

  it('without offending exchanges it keeps the whole trace', () => {
    const a = ex('GET', '/x', 200);
    expect(minimalScenario([a], [])).toEqual([a]);
  });
});
