import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveSuite } from '../domain/derive.ts';
import { isId } from '../ids/index.ts';
import { BUNDLED_FIXTURES_DIR, loadFixtures } from './fixtures.ts';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the bundled fixtures with one file changed by `edit`. */
function brokenCopy(file: string, edit: (data: any) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'srk-fixtures-'));
  scratch.push(dir);
  cpSync(BUNDLED_FIXTURES_DIR, dir, { recursive: true });
  const target = path.join(dir, file);
  const data = JSON.parse(readFileSync(target, 'utf8'));
  edit(data);
  writeFileSync(target, JSON.stringify(data));
  return dir;
}

describe('bundled fixtures', () => {
  const fixtures = loadFixtures();

  it('have the two workspaces and the keys the README promises', () => {
    const keys = fixtures.workspaces.flatMap((w) => w.keys.map((k) => `${w.id}:${k.key}:${k.revoked}`));
    expect(keys).toEqual(expect.arrayContaining(['alpha:sk_test_alpha:false', 'bravo:sk_test_bravo:false']));
    expect(keys.some((k) => k.endsWith(':sk_test_revoked:true'))).toBe(true);
  });

  it.each(['alpha', 'bravo'])('cover every suite status and mix in %s', (workspace) => {
    const suites = fixtures.suiteRuns.filter((s) => s.workspace === workspace).map((s) => s.suite);
    const derived = suites.map((s) => ({ suite: s, d: deriveSuite(s.runs) }));
    const has = (pred: (x: (typeof derived)[number]) => boolean) => derived.some(pred);
    expect(has(({ d }) => d.pending === d.total)).toBe(true);
    expect(has(({ d }) => d.status === 'running' && d.pending < d.total)).toBe(true);
    expect(has(({ d }) => d.status === 'cancelled')).toBe(true);
    expect(has(({ d }) => d.status === 'completed' && d.verdict === 'passed')).toBe(true);
    expect(has(({ d }) => d.status === 'completed' && d.verdict === 'failed')).toBe(true);
    expect(has(({ d }) => d.status === 'failed')).toBe(true);
    expect(has(({ suite }) => suite.trigger === 'resubmit' && suite.parent_suite_run_id !== null)).toBe(true);
    expect(has(({ suite }) => suite.trigger === 'batch' && suite.agent_id === null)).toBe(true);
    expect(fixtures.testRuns.some((r) => r.workspace === workspace)).toBe(true);
  });

  it('have an agent without tests in each workspace, and only valid ids', () => {
    for (const w of fixtures.workspaces) {
      expect(w.agents.some((a) => !w.tests.some((t) => t.agent_id === a.id))).toBe(true);
      for (const a of w.agents) expect(isId(a.id, 'agent')).toBe(true);
      for (const t of w.tests) expect(isId(t.id, 'test')).toBe(true);
    }
    for (const { suite } of fixtures.suiteRuns) {
      expect(isId(suite.id, 'srun')).toBe(true);
      for (const r of suite.runs) expect(isId(r.id, 'run')).toBe(true);
    }
  });
});

describe('a bad fixture file stops the start with the file and the JSON path', () => {
  it.each<[string, string, (d: any) => void, RegExp]>([
    [
      'a completed child without verdict',
      'suite-runs.json',
      (d) => delete d.suite_runs[0].runs[0].verdict,
      /suite-runs\.json: \/suite_runs\/0\/runs\/0: .*'verdict'/,
    ],
    [
      'a malformed id',
      'workspaces.json',
      (d) => (d.workspaces[0].agents[0].id = 'agent_lower'),
      /workspaces\.json: \/workspaces\/0\/agents\/0\/id: must match pattern/,
    ],
    [
      'an unknown property',
      'test-runs.json',
      (d) => (d.test_runs[0].status_text = 'x'),
      /test-runs\.json: \/test_runs\/0: .*'status_text'/,
    ],
    [
      'a derived field stored on a suite',
      'suite-runs.json',
      (d) => (d.suite_runs[1].status = 'completed'),
      /suite-runs\.json: \/suite_runs\/1: .*'status'/,
    ],
    [
      'a test of another workspace',
      'suite-runs.json',
      (d) => (d.suite_runs[0].workspace = 'bravo'),
      /suite-runs\.json: \/suite_runs\/0\/agent_id: no agent/,
    ],
    [
      'a duplicated run id',
      'test-runs.json',
      (d) => (d.test_runs[1].id = d.test_runs[0].id),
      /test-runs\.json: \/test_runs\/1\/id: test run .* is defined twice/,
    ],
    [
      'an end before the start',
      'test-runs.json',
      (d) => (d.test_runs[0].ended_at = '2000-01-01T00:00:00.000Z'),
      /test-runs\.json: \/test_runs\/0\/ended_at: is before/,
    ],
    [
      'an error on a run that did not fail',
      'test-runs.json',
      (d) => (d.test_runs[0].error = 'x'),
      /test-runs\.json: \/test_runs\/0: .*not allowed/,
    ],
  ])('%s', (_name, file, edit, message) => {
    expect(() => loadFixtures(brokenCopy(file, edit))).toThrow(message);
  });

  it('invalid JSON', () => {
    const dir = brokenCopy('workspaces.json', () => undefined);
    writeFileSync(path.join(dir, 'workspaces.json'), '{"workspaces": [');
    expect(() => loadFixtures(dir)).toThrow(/workspaces\.json: \/: is not valid JSON/);
  });

  it('a missing directory', () => {
    expect(() => loadFixtures('/nonexistent/fixtures')).toThrow(/workspaces\.json: \/: cannot be read \(ENOENT\)/);
  });
});
