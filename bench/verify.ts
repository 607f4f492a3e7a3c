// Conformance throughput: checks per second and requests per second of `verify` against the
// local reference server, (1) started in verify's own process, as `verify` without --target
// does, and (2) as `serve` in a process of its own. Each run in a child process, bounded in time;
// when the kit cannot run (not built yet, or it fails to start) the bench says so and goes on.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTarget } from './http.ts';

const WORKER = fileURLToPath(new URL('./verify-worker.ts', import.meta.url));
const REPEATS = Number(process.env.BENCH_VERIFY_REPEATS ?? 3);
const TIMEOUT_MS = Number(process.env.BENCH_VERIFY_TIMEOUT_MS ?? 180_000);

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
}

type Outcome = { run: VerifyRun } | { unavailable: string };

function runWorker(args: string[]): Promise<Outcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
      else resolve({ unavailable: `the run ended (${code ?? signal}) without a result: ${err.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

const median = (runs: VerifyRun[]): VerifyRun => [...runs].sort((a, b) => a.checksPerSecond - b.checksPerSecond)[Math.floor(runs.length / 2)]!;

async function series(label: string, args: string[]): Promise<{ median: VerifyRun; runs: VerifyRun[] } | { available: false; reason: string }> {
  const runs: VerifyRun[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const outcome = await runWorker(args);
    if ('unavailable' in outcome) {
      console.log(`  ${label}: not available (${outcome.unavailable})`);
      return { available: false, reason: outcome.unavailable };
    }
    runs.push(outcome.run);
  }
  const m = median(runs);
  console.log(
    `  ${label.padEnd(38)} ${String(m.checksPerSecond).padStart(6)} checks/s ${String(m.requestsPerSecond).padStart(6)} requests/s  (${m.checks} checks, ${m.requests} requests in ${m.seconds} s; ${m.outcome}: ${m.passed} passed, ${m.failed} failed, ${m.skipped} skipped; profile ${m.profile}, seed ${m.seed}, ${m.runs} runs per property)`,
  );
  return { median: m, runs };
}

export async function runVerifyBench() {
  console.log(`Conformance throughput: verify with a fixed seed, median of ${REPEATS} runs each`);
  const inProcess = await series('reference in verify\'s process', []);
  const serve = await startTarget('./targets/serve.ts');
  let separate;
  try {
    separate = await series('reference as serve, its own process', [serve.ready.url]);
  } finally {
    await serve.stop();
  }
  console.log('');
  return { inProcess, separate };
}
