// The plain, stateless mock: Prism (pinned in package.json) serving the spec's examples.
// It remembers nothing, which is what a UI state gallery wants; `serve` is the stateful one.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PUBLIC_SPEC_PATH } from '../contract/index.ts';

export interface MockOptions {
  host?: string;
  port?: number;
  /** Generate data from the schemas instead of serving the named examples. */
  dynamic?: boolean;
  /** Seed for dynamic data, so that the same request gets the same answer on every start. */
  seed?: string;
  specPath?: string;
  /** Called with each line Prism logs (it is noisy; the CLI forwards them only with --verbose). */
  onLog?: (line: string) => void;
}

export interface RunningMock {
  url: string;
  port: number;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

function prismCliPath(): string {
  const packageJson = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = require(packageJson) as { bin: Record<string, string> };
  return join(dirname(packageJson), bin.prism!);
}

export function prismArguments(options: MockOptions): string[] {
  const args = ['mock', options.specPath ?? PUBLIC_SPEC_PATH, '--host', options.host ?? '127.0.0.1', '--port', String(options.port ?? 4011)];
  if (options.dynamic) {
    // fillProperties=false: generated objects carry only the properties the schema names.
    args.push('--dynamic', '--json-schema-faker-fillProperties=false');
    if (options.seed !== undefined) args.push('--seed', options.seed);
  }
  return args;
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const child = spawn(process.execPath, [prismCliPath(), ...prismArguments(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await waitUntilListening(child, options.onLog);
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => stop(child),
  };
}

function waitUntilListening(child: ChildProcess, onLog?: (line: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) onLog?.(line);
      const match = /Prism is listening on https?:\/\/[^\s]*:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Prism exited (code ${code}) before listening:\n${output.slice(-2000)}`)));
    child.once('error', reject);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
