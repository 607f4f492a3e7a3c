// Fixtures given as data (the parsed contents of workspaces.json, suite-runs.json and
// test-runs.json): checked against fixtures/fixtures.schema.json and the rules a schema cannot
// say, and turned into domain records. No file system here: fixtures.ts reads the files for the
// server, and the MSW handlers (src/msw) import them as JSON modules or take the user's.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fixtureSchema from '../../fixtures/fixtures.schema.json' with { type: 'json' };
import { makeResult } from '../domain/results.ts';
import type { SuiteRun, TestRun } from '../domain/types.ts';
import { checkFixtureRules } from './fixture-rules.ts';
import type { FixtureSet, RawFiles, RawRun, WorkspaceFixture } from './fixtures.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export class FixtureError extends Error {
  constructor(file: string, pointer: string, problem: string) {
    super(`${file}: ${pointer || '/'}: ${problem}`);
    this.name = 'FixtureError';
  }
}

type Fail = (file: string, pointer: string, problem: string) => Error;

/** The contents of the fixture files; the two run files may be left out (no runs). */
export interface FixtureFiles {
  workspaces: unknown;
  suiteRuns?: unknown;
  testRuns?: unknown;
}

/** What an error names each file by. */
const FIXTURE_FILE_NAMES = {
  workspaces: 'workspaces.json',
  suiteRuns: 'suite-runs.json',
  testRuns: 'test-runs.json',
} as const;

function createValidator() {
  // validateSchema: false: the schema is our own file, not input; checking it against the JSON
  // Schema meta-schema compiled that meta-schema first, ~35 ms of every start.
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(fixtureSchema);
  const schema = fixtureSchema as { $id: string };
  return (definition: string, file: string, data: unknown, fail: Fail): void => {
    const validate = ajv.getSchema(`${schema.$id}#/$defs/${definition}`)!;
    if (validate(data)) return;
    // With if/then rules the useful error is the innermost one, not the "must match then" summary.
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
    const first = errors[0]!;
    const notAllowed = first.keyword === 'not' ? ' (this property is not allowed for this status)' : '';
    const extra =
      first.keyword === 'additionalProperties'
        ? ` '${(first.params as { additionalProperty: string }).additionalProperty}'`
        : '';
    throw fail(file, first.instancePath, `${first.message ?? first.keyword}${extra}${notAllowed}`);
  };
}

// Compiled once per process: `serve` loads the fixtures twice (its banner, then the server).
let sharedValidator: ReturnType<typeof createValidator> | undefined;

/**
 * Checks fixture files given as data; the first problem throws `fail(file, pointer, problem)`.
 * `schemaChecked`: the caller knows these very files passed the schema already (the rules
 * below always run).
 */
export function fixturesFromData(
  files: FixtureFiles,
  names: Record<keyof FixtureFiles, string> = FIXTURE_FILE_NAMES,
  fail: Fail = (file, pointer, problem) => new FixtureError(file, pointer, problem),
  options: { schemaChecked?: boolean } = {},
): FixtureSet {
  const raw = {
    workspaces: { file: names.workspaces, data: files.workspaces },
    suiteRuns: { file: names.suiteRuns, data: files.suiteRuns ?? { suite_runs: [] } },
    testRuns: { file: names.testRuns, data: files.testRuns ?? { test_runs: [] } },
  };
  if (!options.schemaChecked) {
    sharedValidator ??= createValidator();
    const validate = sharedValidator;
    validate('workspacesFile', raw.workspaces.file, raw.workspaces.data, fail);
    validate('suiteRunsFile', raw.suiteRuns.file, raw.suiteRuns.data, fail);
    validate('testRunsFile', raw.testRuns.file, raw.testRuns.data, fail);
  }
  const checked = raw as RawFiles;
  checkFixtureRules(checked, fail);
  return toFixtureSet(checked);
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
  const flowNumbers = new Map(
    workspaces.flatMap((w) => w.agents.flatMap((a) => a.flow_versions.map((f) => [f.id, f.number] as const))),
  );

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
      result:
        r.status === 'completed' ? makeResult(test.type, r.verdict!, Date.parse(ended!) - Date.parse(started!)) : null,
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
  const testRuns = files.testRuns.data.test_runs.map((r) => ({
    workspace: r.workspace!,
    run: toRun(r, normalise(r.created_at!), null),
  }));
  return { workspaces, suiteRuns, testRuns };
}
