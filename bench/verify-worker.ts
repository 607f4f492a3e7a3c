// Run by bench/verify.ts in its own process: one conformance run (runVerify, fixed seed, default
// runs) against the reference server, started in this process as `verify` does without --target,
// or at the URL given; BENCH_VERIFY_LATENCY_MS puts a proxy adding that delay to every answer in
// front of it (in this process too). BENCH_VERIFY_CONCURRENCY is verify's --concurrency. Prints
// `RESULT {json}`, or `UNAVAILABLE <reason>` when the kit cannot run.
import { startServer } from '../src/server/index.ts';
import { startLatencyProxy } from './latency-proxy.ts';

const given = process.argv[2];
const latencyMs = process.env.BENCH_VERIFY_LATENCY_MS ? Number(process.env.BENCH_VERIFY_LATENCY_MS) : undefined;
const concurrency = process.env.BENCH_VERIFY_CONCURRENCY ? Number(process.env.BENCH_VERIFY_CONCURRENCY) : undefined;
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

const server = given ? undefined : await startServer({ control: true });
const proxy = latencyMs !== undefined ? await startLatencyProxy(given ?? server!.url, latencyMs) : undefined;
const target = proxy?.url ?? given;
try {
  const started = performance.now();
  const report = await kit.runVerify({
    target: target ?? server!.url,
    inProcess: !target,
    seed: SEED,
    ...(runs ? { runs } : {}),
    ...(concurrency ? { concurrency } : {}),
  } as Parameters<typeof kit.runVerify>[0]);
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
      // What the run found, to compare runs at different concurrency: check -> status.
      statuses: Object.fromEntries(report.results.map((r) => [r.id, r.status])),
    })}`,
  );
} finally {
  await proxy?.close();
  await server?.close();
}
