// Conformance throughput: checks per second and requests per second of `verify` against the
// local reference server, (1) started in verify's own process, as `verify` without --target
// does, (2) as `serve` in a process of its own, and (3) that `serve` behind a proxy in this
// process adding 20 ms to every answer (a target across a network), each at --concurrency 1
// and at the default. Each run in a child process, bounded in time; when the kit cannot run
// (not built yet, or it fails to start) the bench says so and goes on.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTarget } from './http.ts';
import { startLatencyProxy } from './latency-proxy.ts';

const WORKER = fileURLToPath(new URL('./verify-worker.ts', import.meta.url));
const REPEATS = Number(process.env.BENCH_VERIFY_REPEATS ?? 3);
const TIMEOUT_MS = Number(process.env.BENCH_VERIFY_TIMEOUT_MS ?? 300_000);
const LATENCY_MS = Number(process.env.BENCH_VERIFY_LATENCY_MS ?? 20);
/** verify's default --concurrency (the kit's DEFAULT_CONCURRENCY), against one at a time. */
const CONCURRENCY = 8;
/** The one-at-a-time run behind the latency proxy takes minutes: once, not REPEATS times. */
const SLOW_REPEATS = Number(process.env.BENCH_VERIFY_SLOW_REPEATS ?? 1);

export interface VerifyRun {
  outcome: string;
  reason: string;
  profile?: string;
  seed: number;
  runs: number;
  checks: number;
  passed: number;
  failed: number;
  skipped: number;
  requests: number;
  seconds: number;
  checksPerSecond: number;
  requestsPerSecond: number;
  /** check id -> status: two runs found the same when these are equal. */
  statuses: Record<string, string>;
}

type Outcome = { run: VerifyRun } | { unavailable: string };

function runWorker(args: string[], concurrency: number): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_VERIFY_CONCURRENCY: String(concurrency) };
  delete env.BENCH_VERIFY_LATENCY_MS;
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  return new Promise((resolve) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const result = out.split('\n').find((l) => l.startsWith('RESULT '));
      const unavailable = out.split('\n').find((l) => l.startsWith('UNAVAILABLE '));
      if (result) resolve({ run: JSON.parse(result.slice(7)) as VerifyRun });
      else if (unavailable) resolve({ unavailable: unavailable.slice(12) });
      else if (signal === 'SIGKILL') resolve({ unavailable: `no result within ${TIMEOUT_MS} ms` });
      else
        resolve({
          unavailable: `the run ended (${code ?? signal}) without a result: ${err.trim().split('\n').slice(-3).join(' | ')}`,
        });
    });
  });
}

const median = (runs: VerifyRun[]): VerifyRun =>
  [...runs].sort((a, b) => a.checksPerSecond - b.checksPerSecond)[Math.floor(runs.length / 2)]!;

type Series = { median: VerifyRun; runs: VerifyRun[] } | { available: false; reason: string };

async function series(label: string, args: string[], concurrency: number, repeats = REPEATS): Promise<Series> {
  const runs: VerifyRun[] = [];
  for (let i = 0; i < repeats; i++) {
    const outcome = await runWorker(args, concurrency);
    if ('unavailable' in outcome) {
      console.log(`  ${label}: not available (${outcome.unavailable})`);
      return { available: false, reason: outcome.unavailable };
    }
    runs.push(outcome.run);
  }
  const m = median(runs);
  console.log(
    `  ${label.padEnd(46)} ${String(m.seconds).padStart(6)} s ${String(m.checksPerSecond).padStart(6)} checks/s ${String(m.requestsPerSecond).padStart(6)} requests/s  (${m.checks} checks, ${m.requests} requests in ${m.seconds} s; ${m.outcome}: ${m.passed} passed, ${m.failed} failed, ${m.skipped} skipped; profile ${m.profile}, seed ${m.seed}, ${m.runs} runs per property)`,
  );
  return { median: m, runs };
}

/** Both ran, and found the same: the same checks with the same statuses and outcome. */
function sameFindings(a: Series, b: Series): boolean | undefined {
  if (!('median' in a) || !('median' in b)) return undefined;
  return (
    a.median.outcome === b.median.outcome && JSON.stringify(a.median.statuses) === JSON.stringify(b.median.statuses)
  );
}

function pair(label: string, one: Series, many: Series) {
  const speedup =
    'median' in one && 'median' in many ? Math.round((one.median.seconds / many.median.seconds) * 10) / 10 : undefined;
  const same = sameFindings(one, many);
  if (speedup !== undefined)
    console.log(
      `  ${label}: --concurrency ${CONCURRENCY} is ${speedup}x --concurrency 1; same checks and outcome: ${same ? 'yes' : 'NO'}`,
    );
  return { one, many, speedup, sameFindings: same };
}

export async function runVerifyBench() {
  console.log(
    `Conformance throughput: verify with a fixed seed, median of ${REPEATS} runs each (${SLOW_REPEATS} at --concurrency 1 behind the proxy)`,
  );
  const inProcess = pair(
    'in-process',
    await series("reference in verify's process, -c 1", [], 1),
    await series(`reference in verify's process, -c ${CONCURRENCY}`, [], CONCURRENCY),
  );
  const serve = await startTarget('./targets/serve.ts');
  let separate: ReturnType<typeof pair>;
  let proxied: ReturnType<typeof pair> & { latencyMs: number; targetSeconds: number; met: boolean };
  try {
    separate = pair(
      'serve',
      await series('serve, its own process, -c 1', [serve.ready.url], 1),
      await series(`serve, its own process, -c ${CONCURRENCY}`, [serve.ready.url], CONCURRENCY),
    );
    const proxy = await startLatencyProxy(serve.ready.url, LATENCY_MS);
    try {
      const many = await series(`serve behind +${LATENCY_MS} ms proxy, -c ${CONCURRENCY}`, [proxy.url], CONCURRENCY);
      const one = await series(`serve behind +${LATENCY_MS} ms proxy, -c 1`, [proxy.url], 1, SLOW_REPEATS);
      proxied = {
        ...pair(`+${LATENCY_MS} ms`, one, many),
        latencyMs: LATENCY_MS,
        targetSeconds: 15,
        met: 'median' in many ? many.median.seconds <= 15 : false,
      };
    } finally {
      await proxy.close();
    }
  } finally {
    await serve.stop();
  }
  console.log('');
  return { inProcess, separate, proxied };
}
