// The mock command as a process: its banner, the printed curl line works as printed, the keys
// it names are the ones it takes, and SIGTERM stops it together with its Prism.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'suiterun-kit.js');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startCli(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'mock', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (output.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** The output up to the curl line (the end of the banner), or an error if it exits first. */
  const banner = (): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      void exited.then((code) => reject(new Error(`mock exited early (${code}): ${output.stderr}`)));
      const check = (): unknown => (/curl .*\n/.test(output.stdout) ? resolve(output.stdout) : setTimeout(check, 20));
      check();
    });
  return { child, banner, exited };
}

/** Process ids of a process's Prism children (Linux `ps`). */
function prismPids(pid: number): number[] {
  const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes('prism-cli')).map((line) => Number.parseInt(line.trim(), 10));
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('suiterun-kit mock', () => {
  it('prints its URL, the keys and a curl line that works as printed; SIGTERM stops it and its Prism', async () => {
    const started = startCli(['--port', '0']);
    const text = await started.banner();
    expect(text).toMatch(/on http:\/\/127\.0\.0\.1:\d+ \(static examples/);
    expect(text).toMatch(/API keys: sk_test_alpha, sk_test_bravo \(refused with 401: sk_test_revoked\)/);
    const curl = /curl -H 'Authorization: Bearer (\S+)' -H 'Prefer: example=(\w+)' (\S+)/.exec(text)!;
    const answer = await fetch(curl[3]!, {
      headers: { Authorization: `Bearer ${curl[1]}`, Prefer: `example=${curl[2]}` },
    });
    expect(answer.status).toBe(200);
    expect((await answer.json()).status).toBe('cancelled');
    expect(answer.headers.get('speechify-request-id')).toMatch(/^req_[0-9A-HJKMNP-TV-Z]{26}$/);
    const refused = await fetch(curl[3]!, { headers: { Authorization: 'Bearer sk_test_revoked' } });
    expect(refused.status).toBe(401);

    const prism = prismPids(started.child.pid!);
    expect(prism).toHaveLength(1);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(alive(prism[0]!), `Prism ${prism[0]} still running`).toBe(false);
  });

  it('refuses a port that is not one with exit code 2', async () => {
    const started = startCli(['--port', '70000']);
    expect(await started.exited).toBe(2);
  });
});
