// `verify --baseline FILE` and `--write-baseline FILE`: known failures are reported (marked known
// in every reporter) but do not fail the gate, new failures do, a listed check that passes again
// is reported as fixed; a malformed baseline cannot run (exit 2, one line).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, baselineOf, decideOutcome, parseBaseline, type CheckResult } from '../conformance/index.ts';
import { readBaseline, runVerifyCommand, type VerifyFlags } from '../src/cli/verify.ts';
import { captureOutput as capture } from './support/capture.ts';
import { useTestServer } from './support/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'verify-baseline-'));
let n = 0;
function file(content: unknown): string {
  const path = join(dir, `baseline-${n++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const CANCEL = 'cancel-leaves-terminal-children';
const flags = (more: Partial<VerifyFlags>): VerifyFlags => ({
  control: true,
  runs: 20,
  seed: 42,
  timeoutMs: 5000,
  ...more,
});
const result = (id: string, status: CheckResult['status']): CheckResult => ({
  id,
  group: 'cancel',
  title: id,
  status,
  durationMs: 1,
  requests: 1,
});

describe('baseline files', () => {
  it.each([
    ['not JSON', '{"version": 1,', /not JSON/],
    ['not an object', '[]', /expected an object/],
    ['no version', { failures: [] }, /"version" must be 1, got nothing/],
    ['another version', { version: 2, failures: [] }, /"version" must be 1, got 2/],
    ['no list', { version: 1, failures: { check: CANCEL } }, /"failures" must be a list/],
    [
      'an entry without check',
      { version: 1, failures: [{ title: 'x' }] },
      /failures\[0\] must be an object with a string "check"/,
    ],
    [
      'a title that is no string',
      { version: 1, failures: [{ check: CANCEL, title: 3 }] },
      /failures\[0\] must be an object/,
    ],
    [
      'an unknown check id',
      { version: 1, failures: [{ check: CANCEL }, { check: 'cancel-typo' }] },
      /failures\[1\]\.check "cancel-typo" is no check of the catalogue/,
    ],
    [
      'a check listed twice',
      { version: 1, failures: [{ check: CANCEL }, { check: CANCEL }] },
      /failures\[1\]\.check "cancel-leaves-terminal-children" is listed twice/,
    ],
  ])('refuses %s with a one-line reason naming the file', (_label, content, reason) => {
    const path = file(content);
    const read = readBaseline(path);
    expect(typeof read).toBe('string');
    expect(read).toMatch(reason);
    expect(read).toContain(path);
    expect(read as string).not.toContain('\n');
  });

  it('reads a well-formed file (title optional) and says where it came from', () => {
    const path = file({ version: 1, failures: [{ check: CANCEL, title: 'anything' }, { check: 'ids-well-formed' }] });
    expect(readBaseline(path)).toEqual({
      version: 1,
      source: path,
      failures: [{ check: CANCEL, title: 'anything' }, { check: 'ids-well-formed' }],
    });
  });

  it('a missing file cannot be read, and says how to make one', () => {
    expect(readBaseline(join(dir, 'absent.json'))).toMatch(
      /cannot read it: no such file \(write one with --write-baseline FILE\)/,
    );
  });

  it('marks known failures and fixed checks; only new failures fail the outcome', () => {
    const baseline = parseBaseline(
      JSON.stringify({ version: 1, failures: [{ check: 'a' }] }).replace('"a"', `"${CANCEL}"`),
      'b.json',
    );
    const results = [result(CANCEL, 'failed'), result('x', 'passed')];
    expect(decideOutcome(results, baseline)).toMatchObject({
      outcome: 'passed',
      summary: { failed: 1, known: 1 },
      baseline: { known: [CANCEL], fixed: [] },
    });
    expect(decideOutcome([...results, result('y', 'failed')], baseline)).toMatchObject({
      outcome: 'failed',
      summary: { failed: 2, known: 1 },
    });
    expect(decideOutcome([...results, result('y', 'failed')], baseline).reason).toMatch(
      /^1 of 3 checks failed \(not in the baseline\): y; 1 known failure from the baseline/,
    );
    expect(applyBaseline([result(CANCEL, 'passed')], baseline)).toMatchObject({
      results: [{ baseline: 'fixed' }],
      outcome: { fixed: [CANCEL] },
    });
    expect(applyBaseline([result(CANCEL, 'skipped')], baseline).outcome).toEqual({
      source: 'b.json',
      known: [],
      fixed: [],
      notRun: [CANCEL],
    });
    expect(decideOutcome(results)).toMatchObject({ outcome: 'failed', summary: { failed: 1, known: 0 } });
  });

  it('a written baseline keeps earlier entries of checks that did not run, in catalogue order', () => {
    const previous = parseBaseline(
      JSON.stringify({ version: 1, failures: [{ check: 'version-valid-accepted' }, { check: 'ids-unique' }] }),
      'p.json',
    );
    const written = baselineOf([result(CANCEL, 'failed'), result('ids-unique', 'passed')], previous);
    expect(written.failures.map((f) => f.check)).toEqual([CANCEL, 'version-valid-accepted']);
    expect(written.failures[0]!.title).toMatch(/unchanged in every field/);
  });
});

describe('verify --baseline against faulty servers', () => {
  const faulty = useTestServer({ faults: ['cancel-touches-terminal'], expectChecked: false });
  const twoFaults = useTestServer({ faults: ['cancel-touches-terminal', 'lowercase-ids'], expectChecked: false });

  it('without a baseline the failing check exits 1', async () => {
    const { out, io } = capture();
    expect(await runVerifyCommand(flags({ target: faulty.url, only: [CANCEL, 'version'] }), io)).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`^verify: FAILED: 1 of 3 checks failed: ${CANCEL} `));
  });

  it('with the failing check in the baseline it exits 0 and every reporter marks it known', async () => {
    const baseline = file({ version: 1, failures: [{ check: CANCEL }] });
    const [json, junit, html] = ['r.json', 'r.xml', 'r.html'].map((f) => join(dir, 'known', f));
    const { out, io } = capture();
    const code = await runVerifyCommand(
      flags({
        target: faulty.url,
        only: [CANCEL, 'version'],
        baseline,
        reporter: ['default', `json=${json}`, `junit=${junit}`, `html=${html}`],
      }),
      io,
    );
    expect(code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(
      new RegExp(`^verify: passed \\(known failures from the baseline, not failing: ${CANCEL}\\)`),
    );
    // default
    expect(out.stdout).toMatch(new RegExp(`KNOWN ${CANCEL} .*\\[known: in the baseline\\]`));
    expect(out.stdout).toContain(`known failures, not failing the gate: ${CANCEL}`);
    expect(out.stdout).toMatch(/3 checks run: 2 passed, 1 failed \(1 known\), 0 skipped/);
    expect(out.stdout).toMatch(/repro:\n\s+export SUITERUN_API_KEY/);
    // json
    const report = JSON.parse(readFileSync(json!, 'utf8'));
    expect(report.outcome).toBe('passed');
    expect(report.summary).toMatchObject({ failed: 1, known: 1 });
    expect(report.results.find((r: CheckResult) => r.id === CANCEL)).toMatchObject({
      status: 'failed',
      baseline: 'known',
    });
    expect(report.baseline).toEqual({ source: baseline, known: [CANCEL], fixed: [], notRun: [] });
    // junit: reported, but as a skip the publisher does not fail on
    const xml = readFileSync(junit!, 'utf8');
    expect(xml).toMatch(/<testsuites name="suiterun-kit verify" tests="3" failures="0" errors="0" skipped="1"/);
    expect(xml).toMatch(
      new RegExp(
        `name="${CANCEL}"[^>]*>\\s*<skipped type="known-failure" message="known failure \\(in the baseline, not failing the gate\\): [^"]+">[^<]*curl -sS`,
      ),
    );
    expect(xml).not.toContain('<failure');
    // html
    const page = readFileSync(html!, 'utf8');
    expect(page).toMatch(new RegExp(`<tr data-testid="check" data-check="${CANCEL}" data-status="known">`));
    expect(page).toContain('Known failures (1, in the baseline)');
  });

  it('a failure not in the baseline still exits 1, naming only the new one', async () => {
    const baseline = file({ version: 1, failures: [{ check: CANCEL }] });
    const { out, io } = capture();
    expect(
      await runVerifyCommand(flags({ target: twoFaults.url, only: [CANCEL, 'ids-well-formed'], baseline }), io),
    ).toBe(1);
    expect(out.stderr).toMatch(
      /^verify: FAILED: 1 of 2 checks failed \(not in the baseline\): ids-well-formed; 1 known failure from the baseline: cancel-leaves-terminal-children/,
    );
    expect(out.stdout).toMatch(/FAIL ids-well-formed/);
    expect(out.stdout).toMatch(new RegExp(`KNOWN ${CANCEL}`));
  });

  it('a listed check that passes now is reported as fixed, not as a failure', async () => {
    const baseline = file({ version: 1, failures: [{ check: 'version-valid-accepted' }, { check: CANCEL }] });
    const junit = join(dir, 'fixed.xml');
    const { out, io } = capture();
    expect(
      await runVerifyCommand(
        flags({ target: faulty.url, only: ['version'], baseline, reporter: ['default', `junit=${junit}`] }),
        io,
      ),
    ).toBe(0);
    expect(out.stdout).toMatch(/pass version-valid-accepted .*\[fixed: remove it from the baseline\]/);
    expect(out.stdout).toContain('fixed, remove it from the baseline: version-valid-accepted');
    expect(out.stdout).toContain(`listed but not run (not selected or skipped): ${CANCEL}`);
    expect(readFileSync(junit, 'utf8')).toMatch(
      /name="version-valid-accepted"[^>]*>\s*<system-out>fixed: this check passes now, remove it from the baseline<\/system-out>/,
    );
  });

  it('--write-baseline writes the current failures, says so and exits 0; the file then gates green', async () => {
    const path = join(dir, 'written', 'baseline.json');
    const first = capture();
    expect(
      await runVerifyCommand(
        flags({
          target: twoFaults.url,
          only: [CANCEL, 'ids-well-formed', 'version-malformed-rejected'],
          writeBaseline: path,
        }),
        first.io,
      ),
    ).toBe(0);
    expect(first.out.stderr).toMatch(/^verify: FAILED: 2 of 3 checks failed/);
    expect(first.out.stderr).toContain(
      `verify: wrote the baseline ${path} with 2 known failures: ids-well-formed, ${CANCEL}; exit 0`,
    );
    const written = JSON.parse(readFileSync(path, 'utf8'));
    expect(written).toEqual({
      version: 1,
      failures: [
        { check: 'ids-well-formed', title: expect.any(String) },
        { check: CANCEL, title: expect.any(String) },
      ],
    });
    const again = capture();
    expect(
      await runVerifyCommand(
        flags({
          target: twoFaults.url,
          only: [CANCEL, 'ids-well-formed', 'version-malformed-rejected'],
          baseline: path,
        }),
        again.io,
      ),
    ).toBe(0);
  });

  it('--write-baseline writes nothing when the run could not run (exit 2)', async () => {
    const path = join(dir, 'never', 'baseline.json');
    const { out, io } = capture();
    expect(await runVerifyCommand(flags({ target: 'http://127.0.0.1:9', writeBaseline: path }), io)).toBe(2);
    expect(out.stderr).toMatch(/^verify: could not run: target http:\/\/127\.0\.0\.1:9 is unreachable/);
    expect(() => readFileSync(path)).toThrow(/ENOENT/);
  });

  it('a malformed baseline exits 2 with one line, before anything runs', async () => {
    const { out, io } = capture();
    expect(
      await runVerifyCommand(
        flags({ target: 'http://127.0.0.1:9', baseline: file({ version: 1, failures: [{ check: 'nope' }] }) }),
        io,
      ),
    ).toBe(2);
    expect(out.stderr).toMatch(
      /^verify: could not run: --baseline .*failures\[0\]\.check "nope" is no check of the catalogue/,
    );
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });
});
