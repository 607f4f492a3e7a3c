// Loads fixtures/*.json from a directory and hands them to fixture-data.ts, which checks them
// against fixtures/fixtures.schema.json and the rules a schema cannot say (references,
// uniqueness, timestamps in order) and turns them into domain records. Any problem stops the
// start with the file and the JSON path.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Agent, AgentTest, SuiteRun, TestRun } from '../domain/types.ts';
import { fixturesChecked } from '../build-cache.ts';
import { packageFile } from '../package-root.ts';
import { FixtureError, fixturesFromData } from './fixture-data.ts';

export const BUNDLED_FIXTURES_DIR = packageFile('fixtures/');
const SCHEMA_PATH = path.join(BUNDLED_FIXTURES_DIR, 'fixtures.schema.json');

interface ApiKeyFixture {
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
interface RawSuite {
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
  workspaces: {
    file: string;
    data: {
      workspaces: (Omit<WorkspaceFixture, 'keys' | 'agents'> & {
        keys: { key: string; revoked?: boolean }[];
        agents: (Omit<Agent, 'flow_versions'> & { flow_versions?: Agent['flow_versions'] })[];
      })[];
    };
  };
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
    throw new FixtureError(
      displayPath(file),
      '',
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FixtureError(displayPath(file), '', `is not valid JSON (${(error as Error).message})`);
  }
}

/** What the build's record of checked fixtures is keyed by: the schema, then the three files. */
export function fixtureTexts(texts: { workspaces: string; suiteRuns: string; testRuns: string }): string[] {
  return [readFileSync(SCHEMA_PATH, 'utf8'), texts.workspaces, texts.suiteRuns, texts.testRuns];
}

/**
 * Reads and checks the fixtures of `dir`. The schema check is skipped only for files the build
 * checked already, byte for byte (src/build-cache.ts); the rules always run.
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
  return fixturesFromData(
    {
      workspaces: parseJson(workspacesFile, texts.workspaces),
      suiteRuns: parseJson(suiteRunsFile, texts.suiteRuns),
      testRuns: parseJson(testRunsFile, texts.testRuns),
    },
    { workspaces: workspacesFile, suiteRuns: suiteRunsFile, testRuns: testRunsFile },
    (file, pointer, problem) => new FixtureError(displayPath(file), pointer, problem),
    { schemaChecked: fixturesChecked(fixtureTexts(texts)) },
  );
}
