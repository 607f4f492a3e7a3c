// Start-up: how long from spawning the node process until `serve` accepts a request, next to
// the same for the Prism mock. Median of a few starts, each a fresh process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/suiterun-kit.js', import.meta.url));
const STARTS = Number(process.env.BENCH_STARTS ?? 5);

/** Milliseconds from spawn until the first answer to an HTTP request on the printed URL. */
async function timeToFirstAnswer(args: string[], urlPattern: RegExp): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const serve: number[] = [];
  const prism: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    serve.push(await timeToFirstAnswer(['serve', '--port', '0'], /(http:\/\/127\.0\.0\.1:\d+)/));
    prism.push(await timeToFirstAnswer(['mock', '--port', '0'], /(http:\/\/127\.0\.0\.1:\d+)/));
  }
  const result = { serveMedianMs: Math.round(median(serve)), prismMedianMs: Math.round(median(prism)), starts: STARTS, targetServeMs: 500 };
  console.log(`Start-up to first answer (median of ${STARTS}): serve ${result.serveMedianMs} ms (target < 500), Prism mock ${result.prismMedianMs} ms\n`);
  return result;
}
