// Run by bench/verify.ts in its own process: one conformance run (runVerify, fixed seed, default
// runs) against the reference server, started in this process as `verify` does without --target,
// or at the URL given. Prints `RESULT {json}`, or `UNAVAILABLE <reason>` when the kit cannot run.
import { startServer } from '../src/server/index.ts';

const target = process.argv[2];
const SEED = Number(process.env.BENCH_VERIFY_SEED ?? 1);
const runs = process.env.BENCH_VERIFY_RUNS ? Number(process.env.BENCH_VERIFY_RUNS) : undefined;

let kit: typeof import('../conformance/index.ts');
try {
  kit = await import('../conformance/index.ts');
  if (typeof kit.runVerify !== 'function') throw new Error('conformance/index.ts exports no runVerify');
} catch (error) {
  console.log(`UNAVAILABLE ${(error as Error).message.split('\n')[0]}`);
  process.exit(0);
}

const server = target ? undefined : await startServer({ control: true });
try {
  const started = performance.now();
  const report = await kit.runVerify({ target: target ?? server!.url, inProcess: !target, seed: SEED, ...(runs ? { runs } : {}) });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `RESULT ${JSON.stringify({
      outcome: report.outcome,
      reason: report.reason,
      profile: report.profile,
      seed: report.seed,
      runs: report.runs,
      checks: report.summary.checks,
      passed: report.summary.passed,
      failed: report.summary.failed,
      skipped: report.summary.skipped,
      requests: report.requests,
      seconds: Math.round(seconds * 100) / 100,
      checksPerSecond: Math.round((report.summary.checks / seconds) * 10) / 10,
      requestsPerSecond: Math.round(report.requests / seconds),
    })}`,
  );
} finally {
  await server?.close();
}
