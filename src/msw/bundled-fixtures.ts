// The fixtures `serve` starts from, as JSON modules: a bundler puts them in the browser build,
// no file system needed.
import suiteRuns from '../../fixtures/suite-runs.json' with { type: 'json' };
import testRuns from '../../fixtures/test-runs.json' with { type: 'json' };
import workspaces from '../../fixtures/workspaces.json' with { type: 'json' };
import type { FixtureFiles } from '../store/fixture-data.ts';

export const BUNDLED_FIXTURES: FixtureFiles = { workspaces, suiteRuns, testRuns };
