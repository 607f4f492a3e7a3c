// The CI gate example (examples/ci/github-actions.yml): the workflow parses and has the steps a
// gate needs; its wait loop and its verify command line run for real (bash expands them as the
// runner would, the real CLI parses them) against a reference server standing in for the
// team's service; the JUnit XML they write is well-formed, has one testcase per check of the
// catalogue, and a failure carries its curl repro and --seed/--path replay.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE } from '../conformance/index.ts';
import { startServer, type RunningServer } from '../src/server/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/suiterun-kit.js');
const FAILING = 'cancel-leaves-terminal-children';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
const workflow = parse(readFileSync(join(ROOT, 'examples/ci/github-actions.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { env: Record<string, string>; steps: Step[] }>;
};
const job = Object.values(workflow.jobs)[0]!;
const steps = job.steps;
const stepRunning = (pattern: RegExp) => steps.find((s) => s.run && pattern.test(s.run));
const stepUsing = (action: string) => steps.find((s) => s.uses?.startsWith(`${action}@`));
const verifyStep = stepRunning(/suiterun-kit verify/)!;
const waitStep = stepRunning(/curl/)!;

/** Runs a step's shell text with bash, as a runner does (`bash -e`), in `cwd`. */
function bash(
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('bash', ['-e', '-c', script], { cwd, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * The verify step's command line with `npx suiterun-kit` as this checkout's bin, plus flags that keep the
 * test quick.
 */
function verifyCommand(extra = '--runs 20 --seed 42'): string {
  const line = verifyStep.run!.trim();
  expect(line.startsWith('npx suiterun-kit verify ')).toBe(true);
  return `${line.replace(/^npx suiterun-kit/, `"${process.execPath}" "${BIN}"`)} ${extra}`;
}

// A report of real failures escapes thousands of quotes in its repros: lift the parser's default
// cap on entity expansions (a guard against hostile documents; this one is our own output).
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase'].includes(name),
  textNodeName: '#text',
  processEntities: { maxTotalExpansions: 10_000_000, maxExpandedLength: 100_000_000 },
});
interface Testcase {
  name: string;
  classname: string;
  failure?: { '#text'?: string; message: string; type: string };
  skipped?: { '#text'?: string; message: string; type?: string } | '';
}
function testcases(text: string): Testcase[] {
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = xml.parse(text) as { testsuites: { testsuite: Array<{ name: string; testcase: Testcase[] }> } };
  return doc.testsuites.testsuite.flatMap((s) => s.testcase);
}

describe('the workflow file', () => {
  it('parses, runs on pushes and pull requests, and may publish a check', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(workflow.permissions.checks).toBe('write');
    expect(job.env.SERVICE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('checks out, installs with npm ci, starts the service in the background, waits with a bounded curl loop', () => {
    const at = (s: Step | undefined) => steps.indexOf(s!);
    expect(at(stepUsing('actions/checkout'))).toBe(0);
    const install = stepRunning(/^npm ci$/m);
    const start = stepRunning(/&\s*$/m);
    expect(at(install)).toBeGreaterThan(0);
    expect(at(start)).toBeGreaterThan(at(install));
    expect(at(waitStep)).toBeGreaterThan(at(start));
    expect(at(verifyStep)).toBeGreaterThan(at(waitStep));
    expect(waitStep.run).toMatch(/for attempt in \$\(seq 1 \d+\)/);
    expect(waitStep.run).toMatch(/sleep \d/);
  });

  it('runs verify with the junit reporter to a file and a baseline, keys from secrets only', () => {
    const line = verifyStep.run!;
    expect(line).toMatch(/--target "\$SERVICE_URL"/);
    expect(line).toMatch(/--reporter junit --out reports\/suiterun-verify\.xml/);
    expect(line).toMatch(/--baseline \S+/);
    expect(line).not.toMatch(/sk_/);
    for (const name of ['SUITERUN_API_KEY', 'SUITERUN_OTHER_API_KEY', 'SUITERUN_REVOKED_API_KEY'])
      expect(verifyStep.env?.[name]).toBe(`\${{ secrets.${name} }}`);
  });

  it('uploads the reports as an artifact and publishes the JUnit file, even when verify failed', () => {
    const upload = stepUsing('actions/upload-artifact')!;
    const publish = stepUsing('mikepenz/action-junit-report')!;
    expect(upload.with?.path).toBe('reports/');
    expect(publish.with?.report_paths).toBe('reports/suiterun-verify.xml');
    for (const s of [upload, publish]) expect(s.if).toMatch(/always\(\)|!cancelled\(\)/);
    expect(steps.indexOf(upload)).toBeGreaterThan(steps.indexOf(verifyStep));
  });
});

describe('the workflow steps, run against a reference server standing in for the service', () => {
  let service: RunningServer;
  let cwd: string;
  let env: Record<string, string>;
  const baselineFile = () => join(cwd, verifyStep.run!.match(/--baseline (\S+)/)![1]!);
  beforeAll(async () => {
    service = await startServer({ control: true, clock: 'manual', faults: ['cancel-touches-terminal'] });
    cwd = mkdtempSync(join(tmpdir(), 'ci-gate-'));
    mkdirSync(join(cwd, 'reports'));
    env = {
      SERVICE_URL: service.url,
      SUITERUN_API_KEY: 'sk_test_alpha',
      SUITERUN_OTHER_API_KEY: 'sk_test_bravo',
      SUITERUN_REVOKED_API_KEY: 'sk_test_revoked',
    };
  });
  afterAll(async () => {
    await service.close();
  });

  it('the wait loop ends at once when the service answers, and gives up, bounded, when it does not', async () => {
    const up = await bash(waitStep.run!, cwd, env);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toContain(`the service answers at ${service.url}`);
    const quick = waitStep.run!.replace(/seq 1 \d+/, 'seq 1 2').replace(/sleep \d+/, 'sleep 0.1');
    const down = await bash(quick, cwd, { ...env, SERVICE_URL: 'http://127.0.0.1:9' });
    expect(down.code).toBe(1);
    expect(down.stdout).toContain('the service did not answer at http://127.0.0.1:9');
  });

  it('a new failure exits 1 and its JUnit testcase carries the failure with the curl repro and the --seed/--path replay', async () => {
    mkdirSync(join(baselineFile(), '..'), { recursive: true });
    writeFileSync(baselineFile(), JSON.stringify({ version: 1, failures: [] }));
    const run = await bash(verifyCommand(), cwd, env);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`verify: FAILED: .*${FAILING}`));
    expect(run.stdout).toMatch(new RegExp(`FAIL ${FAILING}`));
    expect(existsSync(join(cwd, 'reports/suiterun-verify.html'))).toBe(true);

    const cases = testcases(readFileSync(join(cwd, 'reports/suiterun-verify.xml'), 'utf8'));
    expect(cases.map((c) => c.name).sort()).toEqual(CATALOGUE.map((c) => c.id).sort());
    for (const c of cases) expect(c.classname).toBe(`suiterun-kit.${CATALOGUE.find((d) => d.id === c.name)!.group}`);
    const failing = cases.find((c) => c.name === FAILING)!;
    const text = failing.failure!['#text']!;
    // Typed with the rule it breaks (a violation: a failed set-up would be an <error>).
    expect(failing.failure!.type).toBe('cancel-terminal-child-unchanged');
    expect(text).toMatch(
      /^\s+curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/v1\/agents\/tests\/suite-runs\/srun_\w+\/cancel' -H "Authorization: Bearer \$SUITERUN_API_KEY"/m,
    );
    expect(text).toMatch(
      new RegExp(`replay: suiterun-kit verify --target ${service.url} --only ${FAILING} --seed 42 --path '[0-9:]+'`),
    );
    expect(text).toContain('export SUITERUN_API_KEY=sk_test_alpha');
    const passedOnes = cases.filter((c) => !c.failure && c.skipped === undefined);
    expect(passedOnes.length).toBeGreaterThan(40);
  });

  it('with a baseline written by --write-baseline, the same command gates green and the known failure is a skip, not a failure', async () => {
    const write = await bash(
      `"${process.execPath}" "${BIN}" verify --target "$SERVICE_URL" --write-baseline ${baselineFile()} --runs 20 --seed 42 --reporter json --out reports/first.json`,
      cwd,
      env,
    );
    expect(write.code, write.stderr).toBe(0);
    expect(write.stderr).toMatch(
      /verify: wrote the baseline .* with \d+ known failures?: .*cancel-leaves-terminal-children/,
    );
    const listed = (
      JSON.parse(readFileSync(baselineFile(), 'utf8')) as { failures: Array<{ check: string }> }
    ).failures.map((f) => f.check);
    expect(listed).toContain(FAILING);

    const run = await bash(verifyCommand(), cwd, env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^verify: passed \(known failures from the baseline, not failing: /m);
    const report = readFileSync(join(cwd, 'reports/suiterun-verify.xml'), 'utf8');
    const cases = testcases(report);
    expect(cases.filter((c) => c.failure)).toEqual([]);
    const known = cases.find((c) => c.name === FAILING)!;
    expect(known.skipped).toMatchObject({ type: 'known-failure' });
    expect((known.skipped as { '#text': string })['#text']).toMatch(/curl -sS/);
    expect(report).toMatch(
      new RegExp(
        `<testsuites name="suiterun-kit verify" tests="${CATALOGUE.length}" failures="0" errors="0" skipped="${listed.length}"`,
      ),
    );
  });

  it('a baseline file that is not there stops the gate with exit 2 and one line', async () => {
    const run = await bash(verifyCommand().replace(/--baseline \S+/, '--baseline .suiterun/absent.json'), cwd, env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'verify: could not run: --baseline .suiterun/absent.json: cannot read it: no such file (write one with --write-baseline FILE)',
    );
  });
});
