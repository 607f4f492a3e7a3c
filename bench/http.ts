// HTTP load: targets in their own Node processes, autocannon driving them from this one over
// loopback for a bounded time. Latencies are taken from autocannon's per-response event (in
// fractions of a millisecond) rather than its histogram, which rounds to whole milliseconds.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

interface Ready {
  url: string;
  [route: string]: string;
}

export interface Target {
  ready: Ready;
  stop(): Promise<void>;
}

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers outside 2xx, and connection errors or timeouts: any of them makes the line worthless. */
  non2xx: number;
  errors: number;
}

export interface LoadSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

/**
 * The load settings of every HTTP bench part, from BENCH_DURATION_S, BENCH_WARMUP_S, BENCH_CONNECTIONS and
 * BENCH_ROUNDS.
 */
export function loadSettingsFromEnv(): LoadSettings & { rounds: number } {
  return {
    durationSeconds: Number(process.env.BENCH_DURATION_S ?? 3),
    warmupSeconds: Number(process.env.BENCH_WARMUP_S ?? 1),
    connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
    rounds: Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3)),
  };
}

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Starts `bench/<script>` in its own Node process and waits for its `READY {json}` line. */
export function startTarget(script: string, args: string[] = []): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', here(script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null) => reject(new Error(`${script} exited with ${code} before it was ready`));
    child.once('exit', onExit);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (!line) return;
      child.off('exit', onExit);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({ ready: JSON.parse(line.slice(6)) as Ready, stop: () => stopChild(child) });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

async function cannon(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  seconds: number,
  connections: number,
) {
  const latencies: number[] = [];
  const instance = autocannon({ url, method, headers, connections, duration: seconds }, () => undefined);
  instance.on('response', (_client, _status, _bytes, ms) => {
    latencies.push(ms);
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance.on('done', resolve);
    instance.on('error', reject);
  });
  return { result, latencies: Float64Array.from(latencies).sort() };
}

/** Warms the target up (JIT, caches), then measures: requests/s over the run, p50 and p99 latency. */
export async function load(
  name: string,
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  settings: LoadSettings,
): Promise<LoadResult> {
  if (settings.warmupSeconds > 0) await cannon(url, method, headers, settings.warmupSeconds, settings.connections);
  const { result, latencies } = await cannon(url, method, headers, settings.durationSeconds, settings.connections);
  return {
    name,
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    p50Ms: round2(percentile(latencies, 50)),
    p99Ms: round2(percentile(latencies, 99)),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function formatLoad(line: LoadResult): string {
  const broken = line.non2xx || line.errors ? `  (non-2xx ${line.non2xx}, errors ${line.errors})` : '';
  return `  ${line.name.padEnd(44)} ${String(line.requestsPerSecond).padStart(7)} req/s   p50 ${line.p50Ms.toFixed(2)} ms   p99 ${line.p99Ms.toFixed(2)} ms${broken}`;
}
