// Loads fixtures/*.json, checks them against fixtures/fixtures.schema.json and against the
// rules a schema cannot say (references, uniqueness, timestamps in order), and turns them
// into domain records. Any problem stops the start with the file and the JSON path.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { makeResult } from '../domain/results.ts';
import type { Agent, AgentTest, SuiteRun, TestRun } from '../domain/types.ts';
import { fixturesChecked } from '../build-cache.ts';
import { packageFile } from '../package-root.ts';
import { checkFixtureRules } from './fixture-rules.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export const BUNDLED_FIXTURES_DIR = packageFile('fixtures/');
const SCHEMA_PATH = path.join(BUNDLED_FIXTURES_DIR, 'fixtures.schema.json');

export class FixtureError extends Error {
  constructor(file: string, pointer: string, problem: string) {
    super(`${displayPath(file)}: ${pointer || '/'}: ${problem}`);
    this.name = 'FixtureError';
  }
}

export interface ApiKeyFixture {
  key: string;
  revoked: boolean;
}

export interface WorkspaceFixture {
  id: string;
  name: string;
  keys: ApiKeyFixture[];
  agents: Agent[];
  tests: AgentTest[];
}

export interface FixtureSet {
  workspaces: WorkspaceFixture[];
  suiteRuns: { workspace: string; suite: SuiteRun }[];
  testRuns: { workspace: string; run: TestRun }[];
}

/** The raw file shapes, as the schema guarantees them. */
export interface RawRun {
  workspace?: string;
  id: string;
  test_id: string;
  agent_id?: string;
  status: TestRun['status'];
  verdict?: 'passed' | 'failed';
  created_at?: string;
  started_at?: string;
  ended_at?: string;
  error?: string;
}
export interface RawSuite {
  workspace: string;
  id: string;
  agent_id: string | null;
  trigger: SuiteRun['trigger'];
  parent_suite_run_id?: string | null;
  created_at: string;
  config_override?: SuiteRun['config_override'];
  flow_version_id?: string | null;
  runs: RawRun[];
}
export interface RawFiles {
  workspaces: { file: string; data: { workspaces: (Omit<WorkspaceFixture, 'keys' | 'agents'> & { keys: { key: string; revoked?: boolean }[]; agents: (Omit<Agent, 'flow_versions'> & { flow_versions?: Agent['flow_versions'] })[] })[] } };
  suiteRuns: { file: string; data: { suite_runs: RawSuite[] } };
  testRuns: { file: string; data: { test_runs: RawRun[] } };
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new FixtureError(file, '', `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FixtureError(file, '', `is not valid JSON (${(error as Error).message})`);
  }
}

function createValidator() {
  // validateSchema: false: the schema is our own file, not input; checking it against the JSON
  // Schema meta-schema compiled that meta-schema first, ~35 ms of every start.
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { $id: string };
  ajv.addSchema(schema);
  return (definition: string, file: string, data: unknown): void => {
    const validate = ajv.getSchema(`${schema.$id}#/$defs/${definition}`)!;
    if (validate(data)) return;
    // With if/then rules the useful error is the innermost one, not the "must match then" summary.
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
    const first = errors[0]!;
    const notAllowed = first.keyword === 'not' ? ' (this property is not allowed for this status)' : '';
    const extra = first.keyword === 'additionalProperties' ? ` '${(first.params as { additionalProperty: string }).additionalProperty}'` : '';
    throw new FixtureError(file, first.instancePath, `${first.message ?? first.keyword}${extra}${notAllowed}`);
  };
}

// Compiled once per process: `serve` loads the fixtures twice (its banner, then the server).
let sharedValidator: ReturnType<typeof createValidator> | undefined;

/** What the build's record of checked fixtures is keyed by: the schema, then the three files. */
export function fixtureTexts(texts: { workspaces: string; suiteRuns: string; testRuns: string }): string[] {
  return [readFileSync(SCHEMA_PATH, 'utf8'), texts.workspaces, texts.suiteRuns, texts.testRuns];
}

/**
 * Reads and checks the fixtures of `dir`. The schema check is skipped only for files the build
 * checked already, byte for byte (src/build-cache.ts); the rules below always run.
 * `suite-runs.json` and `test-runs.json` may be absent.
 */
export function loadFixtures(dir: string = BUNDLED_FIXTURES_DIR): FixtureSet {
  const workspacesFile = path.join(dir, 'workspaces.json');
  const suiteRunsFile = path.join(dir, 'suite-runs.json');
  const testRunsFile = path.join(dir, 'test-runs.json');
  const texts = {
    workspaces: readText(workspacesFile),
    suiteRuns: existsSync(suiteRunsFile) ? readText(suiteRunsFile) : '{"suite_runs":[]}',
    testRuns: existsSync(testRunsFile) ? readText(testRunsFile) : '{"test_runs":[]}',
  };
  const raw = {
    workspaces: { file: workspacesFile, data: parseJson(workspacesFile, texts.workspaces) },
    suiteRuns: { file: suiteRunsFile, data: parseJson(suiteRunsFile, texts.suiteRuns) },
    testRuns: { file: testRunsFile, data: parseJson(testRunsFile, texts.testRuns) },
  };
  if (!fixturesChecked(fixtureTexts(texts))) {
    const validate = (sharedValidator ??= createValidator());
    validate('workspacesFile', raw.workspaces.file, raw.workspaces.data);
    validate('suiteRunsFile', raw.suiteRuns.file, raw.suiteRuns.data);
    validate('testRunsFile', raw.testRuns.file, raw.testRuns.data);
  }
  const files = raw as RawFiles;
  checkFixtureRules(files, (file, pointer, problem) => new FixtureError(file, pointer, problem));
  return toFixtureSet(files);
}

const normalise = (iso: string): string => new Date(iso).toISOString();

function toFixtureSet(files: RawFiles): FixtureSet {
  const workspaces: WorkspaceFixture[] = files.workspaces.data.workspaces.map((w) => ({
    id: w.id,
    name: w.name,
    keys: w.keys.map((k) => ({ key: k.key, revoked: k.revoked === true })),
    agents: w.agents.map((a) => ({ id: a.id, name: a.name, flow_versions: a.flow_versions ?? [] })),
    tests: w.tests.map((t) => ({ ...t })),
  }));
  const tests = new Map(workspaces.flatMap((w) => w.tests.map((t) => [t.id, t] as const)));
  const flowNumbers = new Map(workspaces.flatMap((w) => w.agents.flatMap((a) => a.flow_versions.map((f) => [f.id, f.number] as const))));

  const toRun = (r: RawRun, createdAt: string, defaultAgent: string | null): TestRun => {
    const test = tests.get(r.test_id)!;
    const started = r.started_at ? normalise(r.started_at) : null;
    const ended = r.ended_at ? normalise(r.ended_at) : null;
    const run: TestRun = {
      id: r.id,
      test_id: r.test_id,
      agent_id: r.agent_id ?? defaultAgent ?? test.agent_id,
      status: r.status,
      verdict: r.verdict ?? null,
      started_at: started,
      ended_at: ended,
      result: r.status === 'completed' ? makeResult(test.type, r.verdict!, Date.parse(ended!) - Date.parse(started!)) : null,
      created_at: createdAt,
    };
    if (r.status === 'failed') run.error = r.error!;
    return run;
  };

  const suiteRuns = files.suiteRuns.data.suite_runs.map((s) => {
    const created = normalise(s.created_at);
    const suite: SuiteRun = {
      id: s.id,
      agent_id: s.agent_id,
      trigger: s.trigger,
      parent_suite_run_id: s.parent_suite_run_id ?? null,
      created_at: created,
      config_override: s.config_override ?? null,
      flow_version_id: s.flow_version_id ?? null,
      flow_version_number: s.flow_version_id ? flowNumbers.get(s.flow_version_id)! : null,
      runs: s.runs.map((r) => toRun(r, created, s.agent_id)),
    };
    return { workspace: s.workspace, suite };
  });
  const testRuns = files.testRuns.data.test_runs.map((r) => ({ workspace: r.workspace!, run: toRun(r, normalise(r.created_at!), null) }));
  return { workspaces, suiteRuns, testRuns };
}
