// verify's progress and summary: on a terminal a line per group redrawn in place and, at the
// end, a table of groups; quiet and plain (no ANSI at all) when not a terminal or with --reporter.
// The rendering is tested as pure functions from events to strings; the CLI with a fake TTY
// stream, through a real pseudo-terminal (script) and through plain pipes.
import { execFile, execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CheckResult, GroupName, ProgressEvent, VerifyReport } from '../conformance/index.ts';
import { checksOfGroup } from '../conformance/checks/catalogue.ts';
import {
  createProgressState,
  eraseFrame,
  groupRows,
  reduceProgress,
  renderFrame,
  renderGroupTable,
  renderProgressLines,
  renderTerminal,
} from '../conformance/reporters/index.ts';
import { runVerifyCommand, type VerifyFlags } from '../src/cli/verify.ts';
import { createTerminalProgress } from '../src/cli/verify-terminal.ts';
import { captureTerminalOutput } from './support/capture.ts';
import { requirePiece } from './support/required.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ANSI = /\x1b\[/;
// The group sizes the CLI runs below: counted from the catalogue, so a new check does not break the rendering tests.
const AUTH = checksOfGroup('auth').length;
const AUTH_AND_VERSION = AUTH + checksOfGroup('version').length;

const result = (
  id: string,
  group: GroupName,
  status: CheckResult['status'],
  durationMs: number,
  more: Partial<CheckResult> = {},
): CheckResult => ({
  id,
  group,
  title: `${id} holds`,
  status,
  durationMs,
  requests: 3,
  ...more,
});

const PLAN = [
  { id: 'schema-body-valid', group: 'schema' as const },
  { id: 'cancel-a', group: 'cancel' as const },
  { id: 'cancel-b', group: 'cancel' as const },
  { id: 'cancel-c', group: 'cancel' as const },
];

function replay(events: Array<[ProgressEvent, number]>, known: string[] = []) {
  const state = createProgressState(known);
  for (const [event, at] of events) reduceProgress(state, event, at);
  return state;
}

const start: ProgressEvent = { type: 'start', checks: PLAN.length, profile: 'control', plan: PLAN };

describe('progress lines from events (pure)', () => {
  it('a line per group: waiting, the running check with its time, an observer judged at the end, done with counts', () => {
    const state = replay([
      [start, 0],
      [{ type: 'check-start', id: 'schema-body-valid', group: 'schema' }, 0],
      [{ type: 'check-start', id: 'cancel-a', group: 'cancel' }, 100],
      [{ type: 'check-end', result: result('cancel-a', 'cancel', 'passed', 400) }, 500],
      [{ type: 'check-start', id: 'cancel-b', group: 'cancel' }, 500],
    ]);
    const between = replay([
      [start, 0],
      [{ type: 'check-start', id: 'cancel-a', group: 'cancel' }, 0],
      [{ type: 'check-end', result: result('cancel-a', 'cancel', 'passed', 400) }, 400],
    ]);
    expect(renderProgressLines(between, { now: 400 })[1]).toBe('▸ cancel  [1/3] 1 passed  0.4 s');
    expect(renderProgressLines(state, { now: 1700 })).toEqual([
      '▸ schema  [0/1] judged at the end of the run (schema-body-valid)  0.0 s',
      '▸ cancel  [1/3] cancel-b  1.6 s',
    ]);
    expect(renderProgressLines(replay([[start, 0]]), { now: 0 })).toEqual([
      '· schema  [0/1] waiting',
      '· cancel  [0/3] waiting',
    ]);
  });

  it('done groups show their counts; a known failure is told apart from a new one', () => {
    const events: Array<[ProgressEvent, number]> = [
      [start, 0],
      [{ type: 'check-start', id: 'schema-body-valid', group: 'schema' }, 0],
      ...(['cancel-a', 'cancel-b', 'cancel-c'] as const).flatMap(
        (id, i): Array<[ProgressEvent, number]> => [
          [{ type: 'check-start', id, group: 'cancel' }, i * 100],
          [
            {
              type: 'check-end',
              result: result(id, 'cancel', i === 0 ? 'failed' : i === 1 ? 'skipped' : 'passed', 100),
            },
            i * 100 + 100,
          ],
        ],
      ),
      [{ type: 'check-end', result: result('schema-body-valid', 'schema', 'passed', 0) }, 400],
    ];
    expect(renderProgressLines(replay(events), { now: 400 })).toEqual([
      '✓ schema  [1/1] 1 passed  0.0 s',
      '✗ cancel  [3/3] 1 passed, 1 failed, 1 skipped  0.3 s',
    ]);
    expect(renderProgressLines(replay(events, ['cancel-a']), { now: 400 })[1]).toBe(
      '✓ cancel  [3/3] 1 passed, 1 failed (all known), 1 skipped  0.3 s',
    );
    const coloured = renderProgressLines(replay(events), { now: 400, color: true });
    expect(coloured[1]).toBe('\x1b[31m✗\x1b[0m cancel  [3/3] 1 passed, 1 failed, 1 skipped  0.3 s');
  });

  it('a line never wraps: it is cut to the terminal width', () => {
    const state = replay([
      [start, 0],
      [{ type: 'check-start', id: 'cancel-a-check-with-a-very-long-id-indeed', group: 'cancel' }, 0],
    ]);
    const lines = renderProgressLines(state, { now: 0, width: 30 });
    for (const line of lines) expect(line.length).toBeLessThan(30);
    expect(lines[1]).toMatch(/…$/);
  });

  it('frames redraw in place: the first draws, the next goes up over the lines drawn, the last erases them', () => {
    expect(renderFrame(['a', 'b'], 0)).toBe('\r\x1b[2Ka\n\r\x1b[2Kb\n');
    expect(renderFrame(['a', 'b'], 2)).toBe('\x1b[2A\r\x1b[2Ka\n\r\x1b[2Kb\n');
    expect(eraseFrame(2)).toBe('\x1b[2A\r\x1b[J');
    expect(eraseFrame(0)).toBe('');
  });
});

describe('the table of groups and the terminal summary (pure)', () => {
  const results = [
    result('schema-body-valid', 'schema', 'passed', 40),
    result('cancel-a', 'cancel', 'failed', 1200, {
      failure: {
        checkId: 'cancel-a',
        rule: 'cancel-a',
        kind: 'violation',
        title: 'cancel-a holds',
        message: 'child 2 moved',
        exchanges: [],
        repro: ["curl -sS 'http://x/v1'  # -> 200"],
        replay: "suiterun-kit verify --only cancel-a --seed 1 --path '0'",
      },
    }),
    result('cancel-b', 'cancel', 'skipped', 0, { reason: 'needs the control interface' }),
    result('cancel-c', 'cancel', 'passed', 300),
  ];
  const report: VerifyReport = {
    outcome: 'failed',
    reason: '1 of 4 checks failed: cancel-a',
    target: 'http://127.0.0.1:4010',
    profile: 'control',
    seed: 1,
    runs: 100,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1600,
    requests: 42,
    results,
    summary: { checks: 4, passed: 2, failed: 1, skipped: 1, known: 0 },
    notes: [],
  };

  it('group, checks, passed, failed, skipped, time, and a total', () => {
    expect(renderGroupTable(groupRows(results), 1600)).toEqual([
      'group   checks  passed  failed  skipped   time',
      '------  ------  ------  ------  -------  -----',
      'schema       1       1       0        0  0.0 s',
      'cancel       3       1       1        1  1.5 s',
      '------  ------  ------  ------  -------  -----',
      'total        4       2       1        1  1.6 s',
    ]);
    const known = results.map((r) => (r.id === 'cancel-a' ? { ...r, baseline: 'known' as const } : r));
    expect(renderGroupTable(groupRows(known), 1600)[3]).toBe('cancel       3       1  1 (1 known)        1  1.5 s');
  });

  it('failures come first with their repro, then the skips, the table and the summary; colour only when asked', () => {
    const text = renderTerminal(report);
    expect(text).not.toMatch(ANSI);
    const at = (s: string) => text.indexOf(s);
    expect(at('FAIL cancel-a')).toBeGreaterThan(0);
    expect(at("curl -sS 'http://x/v1'")).toBeGreaterThan(at('FAIL cancel-a'));
    expect(at('skipped:\n  cancel-b: needs the control interface')).toBeGreaterThan(at('curl -sS'));
    expect(at('group   checks')).toBeGreaterThan(at('skipped:'));
    expect(at('4 checks run: 2 passed, 1 failed, 1 skipped; 42 requests sent in 1.6 s')).toBeGreaterThan(at('total  '));
    expect(text.trimEnd().endsWith('FAILED: 1 of 4 checks failed: cancel-a')).toBe(true);
    expect(renderTerminal(report, { color: true })).toMatch(/\x1b\[31mFAIL cancel-a\x1b\[0m/);
  });
});

const flags = (more: Partial<VerifyFlags>): VerifyFlags => ({
  control: true,
  runs: 5,
  seed: 3,
  timeoutMs: 5000,
  only: ['version', 'auth'],
  ...more,
});

describe('verify at a terminal and not', () => {
  it('a fake TTY stream gets a line per group redrawn in place, then erased; stdout gets the table', async () => {
    const { out, io } = captureTerminalOutput();
    expect(await runVerifyCommand(flags({}), io)).toBe(0);
    expect(out.tty).toMatch(
      new RegExp(`^\\r\\x1b\\[2K· auth +\\[0/${AUTH}\\] waiting\\n\\r\\x1b\\[2K· version +\\[0/2\\] waiting\\n`),
    );
    expect(out.tty).toContain('\x1b[2A');
    expect(out.tty).toMatch(new RegExp(`▸ auth +\\[\\d+/${AUTH}\\] auth-`));
    expect(out.tty).toMatch(/✓ version +\[2\/2\] 2 passed/);
    expect(out.tty.endsWith('\x1b[2A\r\x1b[J')).toBe(true);
    expect(out.stdout).toMatch(/^group +checks +passed +failed +skipped +time$/m);
    expect(out.stdout).toMatch(new RegExp(`^auth +${AUTH} +${AUTH} +0 +0 +[\\d.]+ s$`, 'm'));
    expect(out.stdout).toMatch(new RegExp(`^total +${AUTH_AND_VERSION} +${AUTH_AND_VERSION} +0 +0 +[\\d.]+ s$`, 'm'));
    expect(out.stdout).not.toMatch(/^ {2}pass /m);
    expect(out.stdout + out.stderr).not.toMatch(ANSI);
  });

  it('with --reporter a terminal stays quiet: no progress, the plain report', async () => {
    const { out, io } = captureTerminalOutput();
    expect(await runVerifyCommand(flags({ reporter: ['default'] }), io)).toBe(0);
    expect(out.tty).toBe('');
    expect(out.stdout).toMatch(/^ {2}pass version-malformed-rejected/m);
    expect(out.stdout + out.stderr).not.toMatch(ANSI);
  });

  it('createTerminalProgress redraws on each event and erases what it drew on stop', () => {
    let written = '';
    const progress = createTerminalProgress(
      {
        write: (t) => {
          written += t;
        },
      },
      { now: () => 0, tickMs: 0 },
    );
    progress.onEvent(start);
    progress.onEvent({ type: 'check-start', id: 'cancel-a', group: 'cancel' });
    const frames = written.split('\x1b[2A');
    expect(frames).toHaveLength(2);
    expect(frames[1]).toContain('▸ cancel  [0/3] cancel-a  0.0 s');
    progress.stop();
    expect(written.endsWith('\x1b[2A\r\x1b[J')).toBe(true);
  });

  const bin = (args: string[]) =>
    promisify(execFile)(process.execPath, [join(ROOT, 'bin/suiterun-kit.js'), 'verify', ...args], { cwd: ROOT });

  it('through the real bin with pipes (not a TTY): plain output, not one ANSI escape', async () => {
    const { stdout, stderr } = await bin(['--only', 'version', '--only', 'auth', '--runs', '5']);
    expect(stdout).toMatch(/^ {2}pass auth-decided-first/m);
    expect(stdout).toMatch(`${AUTH_AND_VERSION} checks run: ${AUTH_AND_VERSION} passed`);
    expect(stderr).toMatch(/^verify: passed: /);
    expect(stdout + stderr).not.toMatch(ANSI);
  });

  const script = (() => {
    try {
      return execFileSync('which', ['script'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  })();
  it.skipIf(
    !requirePiece('the script utility (util-linux)', Boolean(script), 'apt-get install bsdutils; .ci/run does'),
  )(
    'through the real bin in a pseudo-terminal (script): live progress, then the table (skipped without util-linux script)',
    async () => {
      const command = `${process.execPath} ${join(ROOT, 'bin/suiterun-kit.js')} verify --only version --only auth --runs 5`;
      const { stdout } = await promisify(execFile)(script, ['-qec', command, '/dev/null'], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '' },
      });
      const text = stdout.replace(/\r\n/g, '\n');
      expect(text).toMatch(new RegExp(`\\r\\x1b\\[2K(\\x1b\\[2m)?·(\\x1b\\[0m)? auth +\\[0/${AUTH}\\] waiting`));
      expect(text).toMatch(/\x1b\[2A\r\x1b\[J/);
      expect(text).toMatch(/group +checks +passed +failed +skipped +time/);
      expect(text).toMatch(new RegExp(`total +${AUTH_AND_VERSION} +${AUTH_AND_VERSION} +0 +0 +[\\d.]+ s`));
      expect(text).toMatch(`verify: passed: ${AUTH_AND_VERSION} checks run`);
    },
  );
});
