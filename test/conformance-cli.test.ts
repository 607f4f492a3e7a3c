// `suiterun-kit verify` as a command: exit 0 / 1 / 2 with a one-line reason, the in-process
// reference server when there is no --target, and the json and junit reports.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../conformance/index.ts';
import { reporterTargets, runVerifyCommand, type VerifyFlags } from '../src/cli/verify.ts';
import { captureOutput as capture } from './support/capture.ts';
import { useTestServer } from './support/server.ts';

const ROOT = resolve(import.meta.dirname, '..');

const flags = (more: Partial<VerifyFlags>): VerifyFlags => ({ control: true, runs: 5, timeoutMs: 5000, ...more });

describe('suiterun-kit verify', () => {
  const faulty = useTestServer({ faults: ['cancel-skips-running'], expectChecked: false });
  const dir = mkdtempSync(join(tmpdir(), 'verify-cli-'));

  it('without --target verifies an in-process reference server and exits 0', async () => {
    const { out, io } = capture();
    const code = await runVerifyCommand(flags({ only: ['version', 'auth'] }), io);
    expect(code).toBe(0);
    const selected = CATALOGUE.filter((c) => c.group === 'version' || c.group === 'auth').length;
    expect(out.stdout).toMatch(
      new RegExp(`${selected} checks run: ${selected} passed, 0 failed, 0 skipped; \\d+ requests sent in [\\d.]+ s`),
    );
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^verify: passed: /);
  });

  it('exits 1 when a check fails, and writes junit and json reports carrying the failure and its repro', async () => {
    const { out, io } = capture();
    const junit = join(dir, 'reports', 'verify.xml');
    const json = join(dir, 'verify.json');
    const code = await runVerifyCommand(
      flags({
        target: faulty.url,
        only: ['cancel'],
        runs: 30,
        seed: 3,
        reporter: [`junit=${junit}`, 'json'],
        out: json,
      }),
      io,
    );
    expect(code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^verify: FAILED: \d+ of 7 checks failed: .*cancel-cancels-active-children/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.outcome).toBe('failed');
    const failed = report.results.find((r: { id: string }) => r.id === 'cancel-cancels-active-children');
    expect(failed.failure.replay).toMatch(
      /^suiterun-kit verify --target http:\/\/127\.0\.0\.1:\d+ --only cancel-cancels-active-children --seed 3 --path '[0-9:]+'$/,
    );
    const xml = readFileSync(junit, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml).toMatch(
      /<testcase classname="suiterun-kit.cancel" name="cancel-cancels-active-children" time="[\d.]+">\s*<failure message="[^"]+" type="cancel-active-children-cancelled">[^<]*curl -sS -X POST/,
    );
    expect(xml).not.toMatch(/sk_test_alpha"|Bearer sk_/);
  });

  it.each([
    [
      'an unknown --only',
      { target: 'http://127.0.0.1:9', only: ['cancels'] },
      /could not run: --only cancels: unknown group or check/,
    ],
    [
      'an unreachable target',
      { target: 'http://127.0.0.1:9' },
      /could not run: target http:\/\/127\.0\.0\.1:9 is unreachable/,
    ],
    [
      'a target that is not a URL',
      { target: 'localhost:4010' },
      /could not run: --target "localhost:4010" is not an http\(s\) URL/,
    ],
    ['--path without --seed', { path: '1:2' }, /could not run: --path needs --seed/],
    [
      '--path for more than one property',
      { seed: 1, path: '1:2', only: ['cancel'] },
      /could not run: --path replays one property/,
    ],
    ['an unknown reporter', { reporter: ['html5'] }, /could not run: unknown reporter html5/],
  ])('exits 2 with a one-line reason on %s', async (_label, more, reason) => {
    const { out, io } = capture();
    expect(await runVerifyCommand(flags(more), io)).toBe(2);
    expect(out.stderr).toMatch(reason);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 when a control interface asked for with --control-url is absent', async () => {
    const { out, io } = capture();
    const code = await runVerifyCommand(
      flags({ target: faulty.url, controlUrl: `${faulty.url}/no-control-here`, only: ['version'] }),
      io,
    );
    expect(code).toBe(2);
    expect(out.stderr).toMatch(
      /could not run: control interface asked for at .*\/no-control-here but absent: POST .* answered 404/,
    );
  });

  it('prints each failure readably: message, minimal scenario, replay line and a pasteable curl repro without the key', async () => {
    const { out, io } = capture();
    const code = await runVerifyCommand(
      flags({ target: faulty.url, only: ['cancel-cancels-active-children'], runs: 50, seed: 9 }),
      io,
    );
    expect(code).toBe(1);
    expect(out.stdout).toMatch(/FAIL cancel-cancels-active-children/);
    expect(out.stdout).toMatch(/minimal scenario: \{"trigger":"run_all","children":\[.*"running".*\]\}/);
    expect(out.stdout).toMatch(
      /replay: suiterun-kit verify --target \S+ --only cancel-cancels-active-children --seed 9 --path '[0-9:]+'/,
    );
    expect(out.stdout).toContain('export SUITERUN_API_KEY=sk_test_alpha');
    expect(out.stdout).toMatch(
      /curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/v1\/agents\/tests\/suite-runs\/srun_\w+\/cancel' -H "Authorization: Bearer \$SUITERUN_API_KEY" {2}# -> 200/,
    );
    expect(out.stdout).toMatch(/1 checks run: 0 passed, 1 failed, 0 skipped; \d+ requests sent in [\d.]+ s/);
  });

  it('--reset resets a target with a control interface, and cannot run without one', async () => {
    const { out, io } = capture();
    expect(await runVerifyCommand(flags({ reset: true, only: ['version'] }), io)).toBe(0);
    expect(out.stdout).toContain('note: --reset: the target was reset to its fixtures before the run');
    const second = capture();
    expect(await runVerifyCommand(flags({ reset: true, control: false, only: ['version'] }), second.io)).toBe(2);
    expect(second.out.stderr).toMatch(/could not run: --reset needs the control interface/);
  });

  it('lists the catalogue', async () => {
    const { out, io } = capture();
    expect(await runVerifyCommand(flags({ listChecks: true }), io)).toBe(0);
    for (const check of CATALOGUE) expect(out.stdout).toContain(`  ${check.id}  `);
  });

  it('sends --out to the last reporter without a file, and refuses two reporters on stdout', () => {
    expect(reporterTargets(['default', 'junit'], 'r.xml')).toEqual([
      { name: 'default' },
      { name: 'junit', file: 'r.xml' },
    ]);
    expect(reporterTargets([], undefined)).toEqual([{ name: 'default' }]);
    expect(reporterTargets(['json', 'junit'])).toMatch(/more than one reporter writes to stdout/);
  });

  it('through the real bin: exit codes 1 and 2 reach the shell', async () => {
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [join(ROOT, 'bin/suiterun-kit.js'), 'verify', ...args], { cwd: ROOT }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
    const failing = await run([
      '--target',
      faulty.url,
      '--only',
      'cancel-cancels-active-children',
      '--runs',
      '30',
      '--reporter',
      'json',
      '--out',
      join(dir, 'bin.json'),
    ]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/verify: FAILED: 1 of 1 checks failed: cancel-cancels-active-children/);
    const unusable = await run([
      '--target',
      'http://127.0.0.1:9',
      '--reporter',
      'json',
      '--out',
      join(dir, 'none.json'),
    ]);
    expect(unusable.code).toBe(2);
    expect(unusable.stderr).toMatch(/verify: could not run: target http:\/\/127\.0\.0\.1:9 is unreachable/);
  });
});
