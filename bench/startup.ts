// Start-up: how long from spawning the node process until `serve` accepts a request, next to
// the same for the Prism mock. Median of a few starts, each a fresh process. `serve` is measured
// twice: from the clone (bin/suiterun-kit.js, the sources through tsx) and from the package as a
// user installs it (npm pack, installed into a temporary project: the compiled dist/ bin).
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packAndInstall } from '../scripts/packed-install.ts';

const BIN = fileURLToPath(new URL('../bin/suiterun-kit.js', import.meta.url));
const BARE_HTTP = fileURLToPath(new URL('./targets/bare-http.mjs', import.meta.url));
const STARTS = Number(process.env.BENCH_STARTS ?? 5);

/** Milliseconds from spawn until the first answer to an HTTP request on the printed URL. */
async function timeToFirstAnswer(args: string[], urlPattern: RegExp, bin: string = BIN): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const onData = (chunk: Buffer): void => {
        out += chunk.toString();
        const match = urlPattern.exec(out);
        if (match) resolve(match[1]!);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out.slice(-500)}`)));
    });
    await fetch(`${url}/v1/agents/tests/suite-runs`, { headers: { authorization: 'Bearer sk_test_alpha' } });
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runStartupBench(): Promise<Record<string, number>> {
  const work = await mkdtemp(join(tmpdir(), 'suiterun-kit-bench-'));
  try {
    const { project } = await packAndInstall(work);
    const installedBin = realpathSync(join(project, 'node_modules/.bin/suiterun-kit'));
    const serve: number[] = [];
    const installed: number[] = [];
    const prism: number[] = [];
    const bare: number[] = [];
    const url = /(http:\/\/127\.0\.0\.1:\d+)/;
    for (let i = 0; i < STARTS; i++) {
      serve.push(await timeToFirstAnswer(['serve', '--port', '0'], url));
      installed.push(await timeToFirstAnswer(['serve', '--port', '0'], url, installedBin));
      prism.push(await timeToFirstAnswer(['mock', '--port', '0'], url));
      bare.push(await timeToFirstAnswer([], url, BARE_HTTP));
    }
    const result = {
      serveMedianMs: Math.round(median(serve)),
      installedServeMedianMs: Math.round(median(installed)),
      prismMedianMs: Math.round(median(prism)),
      bareHttpMedianMs: Math.round(median(bare)),
      installedOverBare: Number((median(installed) / median(bare)).toFixed(2)),
      starts: STARTS,
      targetServeMs: 500,
      targetInstalledServeMs: 200,
    };
    console.log(
      `Start-up to first answer (median of ${STARTS}): serve from the installed package ${result.installedServeMedianMs} ms (target < 200), ` +
        `serve from the clone through tsx ${result.serveMedianMs} ms (target < 500), Prism mock ${result.prismMedianMs} ms; ` +
        `a bare node:http server ${result.bareHttpMedianMs} ms (installed serve / bare: ${result.installedOverBare})\n`,
    );
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
