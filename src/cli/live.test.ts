// `proxy`, `audit` and `verify --har` as commands: findings on stderr as they happen, the report
// in each format, exit 1 on a finding and 0 without, exit 2 with one line for bad input, and
// keys nowhere in what is written.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/support/capture.ts';
import { startServer, type RunningServer } from '../server/index.ts';
import { runAuditCommand } from './audit.ts';
import { startProxyCommand } from './proxy.ts';
import { runVerifyCommand, type VerifyFlags } from './verify.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(path.join(tmpdir(), 'live-cli-'));
const SUITES = '/v1/agents/tests/suite-runs';
const UNKNOWN = `${SUITES}/srun_01M8QYG0DTF13XDMEN2QP4J000`;

describe('suiterun-kit proxy as a process', () => {
  let faulty: RunningServer;
  beforeAll(async () => {
    faulty = await startServer({ control: true, faults: ['lookup-before-auth'] });
  });
  afterAll(() => faulty.close());

  it('prints each finding as it happens, writes the report on SIGTERM and exits 1', async () => {
    const file = path.join(dir, 'proxy.json');
    const child = spawn(
      TSX,
      ['src/cli/main.ts', 'proxy', '--target', faulty.url, '--port', '0', '--reporter', 'json', '--out', file],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        const found = /proxy on (http:\/\/\S+) ->/.exec(stderr);
        if (found) resolve(found[1]!);
      });
      void exited.then((code) => reject(new Error(`proxy exited early (${code}): ${stderr}`)));
    });
    expect(
      (await fetch(`${url}${SUITES}?limit=1`, { headers: { authorization: 'Bearer sk_test_alpha' } })).status,
    ).toBe(200);
    const broken = await fetch(`${url}${UNKNOWN}`);
    expect(broken.status).toBe(404);
    const requestId = broken.headers.get('speechify-request-id');
    // The report judges whatever is still queued before it answers, and prints its findings first.
    const live = (await (await fetch(`${url}/_proxy/report`)).json()) as { findings: { rule: string }[] };
    expect(live.findings.map((f) => f.rule)).toEqual(['auth-first']);
    for (let i = 0; i < 500 && !stderr.includes('FINDING'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(stderr).toContain(`FINDING auth-first getSuiteRun ${requestId}:`);
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(['auth-first']);
    expect(report.exchanges).toBe(2);
    expect(JSON.stringify(report)).not.toContain('sk_test_alpha');
  });

  it('refuses a bad --target, a bad reporter and a port in use with one line each', async () => {
    const { io } = captureOutput();
    expect(await startProxyCommand({ target: 'not a url', port: 0, host: '127.0.0.1' }, io)).toBe(
      '--target "not a url" is not a URL',
    );
    expect(await startProxyCommand({ target: 'ftp://x', port: 0, host: '127.0.0.1' }, io)).toMatch(
      /^--target must be an http or https URL/,
    );
    expect(await startProxyCommand({ target: `${faulty.url}/base`, port: 0, host: '127.0.0.1' }, io)).toMatch(
      /^--target must be an origin/,
    );
    expect(await startProxyCommand({ target: faulty.url, port: 0, host: '127.0.0.1', reporter: ['nope'] }, io)).toMatch(
      /^unknown reporter nope/,
    );
    expect(await startProxyCommand({ target: faulty.url, port: faulty.port, host: '127.0.0.1' }, io)).toBe(
      `port ${faulty.port} on 127.0.0.1 is already in use`,
    );
  });
});

describe('suiterun-kit verify --har and audit', () => {
  let har: string;
  beforeAll(async () => {
    har = path.join(dir, 'verify.har');
    const flags: VerifyFlags = {
      control: true,
      runs: 3,
      seed: 1,
      timeoutMs: 10_000,
      only: ['auth', 'cancel', 'tenancy'],
      har,
      reporter: ['json'],
      out: path.join(dir, 'verify.json'),
    };
    const { io } = captureOutput();
    expect(await runVerifyCommand(flags, io)).toBe(0);
  });

  it("writes verify's traffic as HAR 1.2 with the keys masked", () => {
    const text = readFileSync(har, 'utf8');
    const entries = JSON.parse(text).log.entries as { request: { headers: { name: string; value: string }[] } }[];
    expect(entries.length).toBeGreaterThan(20);
    expect(text).not.toMatch(/sk_test_alpha|sk_test_bravo|sk_test_revoked/);
    expect(
      entries.some((e) =>
        e.request.headers.some((h) => h.name === 'authorization' && h.value === 'Bearer $SUITERUN_API_KEY'),
      ),
    ).toBe(true);
  });

  it('audits that HAR clean (exit 0) in every reporter', async () => {
    for (const reporter of ['default', 'json', 'junit', 'html']) {
      const { io, out } = captureOutput();
      expect(await runAuditCommand(har, { reporter: [reporter] }, io)).toBe(0);
      expect(out.stdout.length).toBeGreaterThan(100);
    }
  });

  it('exits 1 with the finding in every reporter when a recorded answer breaks a rule', async () => {
    const doc = JSON.parse(readFileSync(har, 'utf8'));
    const entry = doc.log.entries.find((e: any) => e.response.status === 401);
    entry.request.headers = entry.request.headers.filter((h: { name: string }) => h.name !== 'authorization');
    entry.response.status = 404;
    entry.response.content.text = JSON.stringify({ error: { code: 'not_found', message: 'no' } });
    const broken = path.join(dir, 'broken.har');
    writeFileSync(broken, JSON.stringify(doc));
    const outputs: Record<string, string> = {};
    for (const reporter of ['default', 'json', 'junit', 'html']) {
      const { io, out } = captureOutput();
      expect(await runAuditCommand(broken, { reporter: [reporter] }, io)).toBe(1);
      expect(out.stderr).toMatch(/^FINDING auth-first /m);
      outputs[reporter] = out.stdout;
    }
    expect(outputs.default).toContain('FAIL auth-first');
    expect(JSON.parse(outputs.json!).findings[0].rule).toBe('auth-first');
    expect(outputs.junit).toMatch(/<failure message="1 finding\(s\):[^"]*" type="auth-first">/);
    expect(outputs.html).toContain('auth-first');
  });

  it.each([
    ['a missing file', 'missing.har', undefined, /missing\.har: no such file/],
    ['text that is not JSON', 'text.har', 'hello', /text\.har: not JSON/],
    ['JSON that is not a HAR', 'other.har', '{"log":{}}', /other\.har: not a HAR file: no log\.entries array/],
    [
      'an entry without a url',
      'nourl.har',
      '{"log":{"entries":[{"request":{"method":"GET"}}]}}',
      /log\.entries\[0\]\.request has no method or url/,
    ],
  ])('exits 2 with one line for %s', async (_name, file, content, reason) => {
    const target = path.join(dir, file);
    if (content !== undefined) writeFileSync(target, content);
    const { io, out } = captureOutput();
    expect(await runAuditCommand(target, {}, io)).toBe(2);
    expect(out.stderr).toMatch(reason);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });
});
