// `npm run bench`: throughput and latency of the reference server against baselines measured in
// the same run (this machine is shared and noisy, so only ratios mean anything), plus scale,
// start-up and conformance throughput. Writes bench/results/latest.json.
//
//   npm run bench                     everything
//   npm run bench -- http startup     only these parts (http, scale, startup, verify, proxy)
//
// Settings by environment: BENCH_DURATION_S (3), BENCH_WARMUP_S (1), BENCH_CONNECTIONS (10),
// BENCH_ROUNDS (3), BENCH_STARTS (5), BENCH_SCALE_SUITES (100000), BENCH_VERIFY_RUNS (default of verify).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatLoad, load, loadSettingsFromEnv, startTarget, type LoadResult, type LoadSettings } from './http.ts';

const AUTH = { authorization: 'Bearer sk_test_alpha' };
const PARTS = ['http', 'scale', 'startup', 'verify', 'proxy'] as const;
type Part = (typeof PARTS)[number];
export const HTTP_TARGETS = { 'b/a': 0.7, 'b/d': 5 } as const;

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

function median<T>(values: T[], by: (v: T) => number): T {
  return [...values].sort((x, y) => by(x) - by(y))[Math.floor(values.length / 2)]!;
}

export interface HttpBench {
  settings: LoadSettings & { rounds: number };
  hello: LoadResult;
  getSuite: LoadResult;
  cancelTerminal: LoadResult;
  prism: LoadResult;
  /** b/a is the median of per-round ratios (a and b measured next to each other); b/d from medians. */
  ratios: { 'b/a': number; 'b/d': number };
  rounds: { hello: number; getSuite: number; cancelTerminal: number; 'b/a': number }[];
  targets: typeof HTTP_TARGETS;
  met: { 'b/a': boolean; 'b/d': boolean };
}

/** A JSON answer as the checks below read it. */
type JsonAnswer = Record<string, unknown> | null;

/** One request first: a load of fast wrong answers would measure nothing. */
async function expectAnswer(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  check: (body: JsonAnswer) => boolean,
  what: string,
): Promise<void> {
  const answer = await fetch(url, { method, headers });
  const body: unknown = await answer.json();
  if (answer.status !== 200 || !check(body as JsonAnswer))
    throw new Error(`${what}: ${method} ${url} answered ${answer.status} ${JSON.stringify(body).slice(0, 300)}`);
}

const isSuiteOf20 = (body: JsonAnswer): boolean =>
  Array.isArray(body?.runs) && body.runs.length === 20 && body.total === 20;

export async function runHttpBench(): Promise<HttpBench> {
  const { rounds: roundCount, ...settings } = loadSettingsFromEnv();
  console.log(
    `HTTP load: ${settings.connections} connections, ${settings.durationSeconds} s per load after ${settings.warmupSeconds} s warm-up, ${roundCount} rounds of (a, b, c), loopback\n`,
  );

  const hello = await startTarget('./targets/hello.ts');
  const reference = await startTarget('./targets/reference.ts');
  const lines: { hello: LoadResult; getSuite: LoadResult; cancelTerminal: LoadResult }[] = [];
  try {
    await expectAnswer(hello.ready.url + hello.ready.path, 'GET', {}, (b) => b?.hello === 'world', '(a)');
    await expectAnswer(reference.ready.url + reference.ready.get, 'GET', AUTH, isSuiteOf20, '(b)');
    await expectAnswer(
      reference.ready.url + reference.ready.cancel,
      'POST',
      AUTH,
      (b) => isSuiteOf20(b) && b?.status !== 'running',
      '(c)',
    );
    for (let round = 1; round <= roundCount; round++) {
      // Warm-up only once per target: later rounds find it warm.
      const s = round === 1 ? settings : { ...settings, warmupSeconds: 0 };
      const line = {
        hello: await load('(a) bare Express 5 JSON hello', hello.ready.url + hello.ready.path, 'GET', {}, s),
        getSuite: await load(
          '(b) reference GET of a 20-child suite',
          reference.ready.url + reference.ready.get,
          'GET',
          AUTH,
          s,
        ),
        cancelTerminal: await load(
          '(c) reference cancel of a terminal suite',
          reference.ready.url + reference.ready.cancel,
          'POST',
          AUTH,
          s,
        ),
      };
      console.log(`round ${round}`);
      for (const l of Object.values(line)) console.log(formatLoad(l));
      lines.push(line);
    }
  } finally {
    await hello.stop();
    await reference.stop();
  }

  const prismTarget = await startTarget('./targets/prism.ts');
  let prism: LoadResult;
  try {
    await expectAnswer(
      prismTarget.ready.url + prismTarget.ready.path,
      'GET',
      AUTH,
      (b) => typeof b?.id === 'string' && Array.isArray(b.runs),
      '(d)',
    );
    prism = await load(
      '(d) Prism mock, same GET',
      prismTarget.ready.url + prismTarget.ready.path,
      'GET',
      AUTH,
      settings,
    );
  } finally {
    await prismTarget.stop();
  }
  console.log(formatLoad(prism));

  const rounds = lines.map((l) => ({
    hello: l.hello.requestsPerSecond,
    getSuite: l.getSuite.requestsPerSecond,
    cancelTerminal: l.cancelTerminal.requestsPerSecond,
    'b/a': ratio(l.getSuite.requestsPerSecond, l.hello.requestsPerSecond),
  }));
  const getSuite = median(
    lines.map((l) => l.getSuite),
    (l) => l.requestsPerSecond,
  );
  const ratios = {
    'b/a': median(
      rounds.map((r) => r['b/a']),
      (r) => r,
    ),
    'b/d': ratio(getSuite.requestsPerSecond, prism.requestsPerSecond),
  };
  const result: HttpBench = {
    settings: { ...settings, rounds: roundCount },
    hello: median(
      lines.map((l) => l.hello),
      (l) => l.requestsPerSecond,
    ),
    getSuite,
    cancelTerminal: median(
      lines.map((l) => l.cancelTerminal),
      (l) => l.requestsPerSecond,
    ),
    prism,
    ratios,
    rounds,
    targets: HTTP_TARGETS,
    met: { 'b/a': ratios['b/a'] >= HTTP_TARGETS['b/a'], 'b/d': ratios['b/d'] >= HTTP_TARGETS['b/d'] },
  };
  console.log('\nmedians');
  for (const l of [result.hello, result.getSuite, result.cancelTerminal, result.prism]) console.log(formatLoad(l));
  console.log(
    `\n  b/a = ${ratios['b/a']} (target >= 0.7: ${result.met['b/a'] ? 'met' : 'MISSED'})   b/d = ${ratios['b/d']} (target >= 5: ${result.met['b/d'] ? 'met' : 'MISSED'})\n`,
  );
  return result;
}

function selectedParts(args: string[]): Part[] {
  const unknown = args.filter((a) => !(PARTS as readonly string[]).includes(a));
  if (unknown.length)
    throw new Error(`unknown bench part(s): ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
  return args.length ? (args as Part[]) : [...PARTS];
}

export async function runBench(parts: Part[] = [...PARTS]): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {
    measuredAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage: os.loadavg(),
      node: process.version,
      platform: process.platform,
    },
  };
  if (parts.includes('http')) results.http = await runHttpBench();
  if (parts.includes('scale')) results.scale = await (await import('./scale.ts')).runScaleBench();
  if (parts.includes('startup')) results.startup = await (await import('./startup.ts')).runStartupBench();
  if (parts.includes('verify')) results.verify = await (await import('./verify.ts')).runVerifyBench();
  if (parts.includes('proxy')) results.proxy = await (await import('./proxy.ts')).runProxyBench();
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await runBench(selectedParts(process.argv.slice(2)));
  mkdirSync(here('./results'), { recursive: true });
  writeFileSync(here('./results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results/latest.json');
}
