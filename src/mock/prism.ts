// The engine of the plain mock: the pinned Prism CLI on the spec, in a child process, on a
// loopback port of its own. Only the front (front.ts) talks to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PUBLIC_SPEC_PATH } from '../contract/index.ts';

export interface PrismOptions {
  host?: string;
  port?: number;
  dynamic?: boolean;
  seed?: string;
  specPath?: string;
  onLog?: (line: string) => void;
}

export interface RunningPrism {
  port: number;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

function prismCliPath(): string {
  const packageJson = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = require(packageJson) as { bin: Record<string, string> };
  return join(dirname(packageJson), bin.prism!);
}

function prismArguments(options: PrismOptions): string[] {
  const args = [
    'mock',
    options.specPath ?? PUBLIC_SPEC_PATH,
    '--host',
    options.host ?? '127.0.0.1',
    '--port',
    String(options.port ?? 0),
  ];
  if (options.dynamic) {
    // fillProperties=false: generated objects carry only the properties the schema names.
    args.push('--dynamic', '--json-schema-faker-fillProperties=false');
    if (options.seed !== undefined) args.push('--seed', options.seed);
  }
  return args;
}

export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const child = spawn(process.execPath, [prismCliPath(), ...prismArguments(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A parent that exits (even through process.exit) takes Prism with it.
  const killOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  try {
    const port = await waitUntilListening(child, options.onLog);
    return { port, close: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw error;
  }
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
    child.once('exit', (code) =>
      reject(new Error(`Prism exited (code ${code}) before listening:\n${output.slice(-2000)}`)),
    );
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
