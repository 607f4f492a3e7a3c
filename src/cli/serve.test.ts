// The serve command as a process: banner, the printed curl line works, flags, signals, faults.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const children: ChildProcess[] = [];
const scratch: string[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function serve(args: string[]): {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  exited: Promise<Finished>;
} {
  const child = spawn(TSX, ['src/cli/main.ts', 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (output.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output.stderr += d.toString()));
  const exited = new Promise<Finished>((resolve) => child.on('exit', (code) => resolve({ code, ...output })));
  return { child, output, exited };
}

/** Waits for the line with the curl command (the end of the banner), or for an early exit. */
async function banner(started: ReturnType<typeof serve>): Promise<string> {
  const early = started.exited.then((f) => {
    throw new Error(`serve exited early (${f.code}): ${f.stderr}`);
  });
  const printed = new Promise<string>((resolve) => {
    const check = () =>
      /curl .*\n/.test(started.output.stdout) ? resolve(started.output.stdout) : setTimeout(check, 20);
    check();
  });
  return Promise.race([printed, early]);
}

describe('suiterun-kit serve', () => {
  it('prints the URL, the keys and a curl line that cancels a running suite; SIGTERM exits 0', async () => {
    const started = serve(['--port', '0', '--control', '--log']);
    const text = await banner(started);
    expect(text).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(text).toMatch(/sk_test_alpha +workspace alpha/);
    expect(text).toMatch(/sk_test_bravo +workspace bravo/);
    expect(text).toMatch(/sk_test_revoked +revoked/);
    expect(text).toMatch(/control: +on/);
    const curl = /curl -s -X POST -H 'Authorization: Bearer (\S+)' (\S+)/.exec(text)!;
    const answer = await fetch(curl[2]!, { method: 'POST', headers: { Authorization: `Bearer ${curl[1]}` } });
    expect(answer.status).toBe(200);
    const body = await answer.json();
    expect(body.status).toBe('cancelled');
    started.child.kill('SIGTERM');
    const finished = await started.exited;
    expect(finished.code).toBe(0);
    const logLines = finished.stdout.split('\n').filter((l) => l.startsWith('{"time"'));
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0]!)).toMatchObject({
      method: 'POST',
      status: 200,
      request_id: answer.headers.get('speechify-request-id'),
    });
    expect(logLines[0]).not.toMatch(/sk_/); // the log never carries the key
  });

  it.each([
    ['a port that is not a number', ['--port', 'abc'], /--port/],
    ['a port out of range', ['--port', '70000'], /--port/],
    ['an unknown clock', ['--clock', 'fast'], /--clock/],
    ['a fail rate above 1', ['--fail-rate', '2'], /--fail-rate/],
    [
      'an unknown fault (the list is shown)',
      ['--fault', 'nope'],
      /--fault.*cancel-touches-terminal.*resubmit-reruns-passed/,
    ],
    ['an unknown flag', ['--bogus'], /unknown option/],
  ])('%s: one-line error, exit 2', async (_name, args, message) => {
    const finished = await serve(args).exited;
    expect(finished.code).toBe(2);
    expect(finished.stderr.trim().split('\n')).toHaveLength(1);
    expect(finished.stderr).toMatch(message);
  });

  it('a bad fixture file stops the start with the file and the JSON path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'srk-serve-'));
    scratch.push(dir);
    writeFileSync(
      path.join(dir, 'workspaces.json'),
      JSON.stringify({ workspaces: [{ id: 'alpha', name: 'A', keys: [], agents: [], tests: [] }] }),
    );
    const finished = await serve(['--port', '0', '--fixtures', dir]).exited;
    expect(finished.code).toBe(2);
    expect(finished.stderr).toMatch(/workspaces\.json: \/workspaces\/0\/keys: must NOT have fewer than 1 items/);
  });

  it('a fault prints a loud warning to stderr', async () => {
    const started = serve(['--port', '0', '--fault', 'short-ids', '--fault', 'tenancy-leak']);
    await banner(started);
    started.child.kill('SIGINT');
    const finished = await started.exited;
    expect(finished.code).toBe(0);
    expect(finished.stderr).toMatch(/FAULT INJECTION ON/);
    expect(finished.stderr).toMatch(/short-ids/);
    expect(finished.stderr).toMatch(/tenancy-leak/);
  });
});
