// Finding a workspace's resources for a handler. Another workspace's resources do not exist
// for the caller (404, never 403). One object per server, made from its store (createLookups),
// so that a caller may put another in front of it (src/server/faults/ does).
import type { Agent, AgentTest, SuiteRun, TestRun } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import { notFoundError, PATH_IDS } from '../wire/path-ids.ts';

export interface Lookups {
  /** The suite and the workspace that holds it (the caller's own). */
  findSuite(workspace: string, id: string): { workspace: string; suite: SuiteRun };
  findRun(workspace: string, id: string): TestRun;
  findTest(workspace: string, id: string): AgentTest;
  findAgent(workspace: string, id: string): Agent;
}

export function createLookups(store: Store): Lookups {
  return {
    findSuite(workspace, id) {
      const suite = store.suite(workspace, id);
      if (!suite) throw notFoundError(PATH_IDS.suite_run_id);
      return { workspace, suite };
    },
    findRun(workspace, id) {
      const run = store.run(workspace, id);
      if (!run) throw notFoundError(PATH_IDS.test_run_id);
      return run;
    },
    findTest(workspace, id) {
      const test = store.test(workspace, id);
      if (!test) throw notFoundError(PATH_IDS.test_id);
      return test;
    },
    findAgent(workspace, id) {
      const agent = store.agent(workspace, id);
      if (!agent) throw notFoundError(PATH_IDS.agent_id);
      return agent;
    },
  };
}
