// Scale: a store of 100,000 suite runs of 20 children, built and measured in its own process
// (bench/scale-worker.ts, with --expose-gc so that memory is read after a full collection),
// against a store of 100 suites measured in the same process first.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OpCosts } from './scale-worker.ts';

const WORKER = fileURLToPath(new URL('./scale-worker.ts', import.meta.url));

export const SCALE_TARGETS = { rssMb: 1024, costRatio: 2, bigCancelMs: 50 } as const;

interface WorkerResult {
  small: OpCosts;
  large: OpCosts;
  suites: number;
  children: number;
  ops: number;
  buildMs: number;
  baseline: { rssMb: number; heapUsedMb: number };
  memory: { rssMb: number; heapTotalMb: number; heapUsedMb: number };
  bigSuite: {
    children: number;
    handlerMs: number[];
    http: { headersMs: number; lastByteMs: number }[];
    answerBytes: number;
  };
}

function runWorker(): Promise<WorkerResult> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', WORKER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`scale worker exited with ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(line.slice(7)) as WorkerResult);
    });
  });
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export async function runScaleBench() {
  console.log('Scale: building the stores in a child process (this takes a few seconds)');
  const r = await runWorker();
  const keys = Object.keys(r.small) as (keyof OpCosts)[];
  const ratios = Object.fromEntries(keys.map((k) => [k, round2(r.large[k] / r.small[k])])) as Record<
    keyof OpCosts,
    number
  >;
  const worstBig = Math.max(...r.bigSuite.handlerMs, ...r.bigSuite.http.map((h) => h.lastByteMs));
  const met = {
    memory: r.memory.rssMb < SCALE_TARGETS.rssMb,
    costs: keys.every((k) => ratios[k] <= SCALE_TARGETS.costRatio),
    bigCancel: worstBig < SCALE_TARGETS.bigCancelMs,
  };
  const result = {
    ...r,
    ratios,
    targets: SCALE_TARGETS,
    met,
    bytesPerRun: Math.round(((r.memory.heapUsedMb - r.baseline.heapUsedMb) * 1024 * 1024) / (r.suites * r.children)),
  };

  console.log(`\n  ${r.suites} suites x ${r.children} children built in ${r.buildMs} ms`);
  console.log(
    `  resident memory ${r.memory.rssMb} MB (target < ${SCALE_TARGETS.rssMb}: ${met.memory ? 'met' : 'MISSED'}); heap used ${r.memory.heapUsedMb} MB, ~${result.bytesPerRun} bytes per stored run; the server alone: ${r.baseline.rssMb} MB`,
  );
  console.log(`  per-op cost (handler: store, derivation, representation, JSON), mean of ${r.ops} ops:`);
  console.log(
    `  ${'operation'.padEnd(28)} ${'100 suites'.padStart(11)} ${`${r.suites} suites`.padStart(14)}  ratio (target <= 2)`,
  );
  for (const k of keys)
    console.log(
      `  ${k.replace(/Us$/, '').padEnd(28)} ${`${r.small[k]} us`.padStart(11)} ${`${r.large[k]} us`.padStart(14)}  ${ratios[k]}`,
    );
  console.log(
    `  cancel of one ${r.bigSuite.children}-child suite: handler ${r.bigSuite.handlerMs.join(', ')} ms; over HTTP (headers / last byte of ${Math.round(r.bigSuite.answerBytes / 1024)} KB) ${r.bigSuite.http.map((h) => `${h.headersMs} / ${h.lastByteMs}`).join(', ')} ms (target < 50: ${met.bigCancel ? 'met' : 'MISSED'})\n`,
  );
  return result;
}
