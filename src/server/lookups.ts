// Finding a workspace's resources for a handler. Another workspace's resources do not exist
// for the caller (404, never 403); the two tenancy faults break exactly that, here.
import { FORBIDDEN } from '../domain/errors.ts';
import { AGENT_NOT_FOUND, AGENT_TEST_NOT_FOUND, ApiError, NOT_FOUND } from '../wire/errors.ts';
import type { Agent, AgentTest, SuiteRun, TestRun } from '../domain/types.ts';
import type { AppContext } from './context.ts';
import { notFoundMessage } from '../wire/path-ids.ts';

export function findSuite(app: AppContext, workspace: string, id: string): { workspace: string; suite: SuiteRun } {
  const own = app.store.suite(workspace, id);
  if (own) return { workspace, suite: own };
  const other = app.faults.size ? app.store.workspaceOfSuite(id) : undefined;
  if (other !== undefined && app.faults.has('tenancy-403')) throw new ApiError(FORBIDDEN);
  if (other !== undefined && app.faults.has('tenancy-leak')) return { workspace: other, suite: app.store.suite(other, id)! };
  throw new ApiError(NOT_FOUND, { message: notFoundMessage('suite run') });
}

export function findRun(app: AppContext, workspace: string, id: string): TestRun {
  const run = app.store.run(workspace, id);
  if (!run) throw new ApiError(NOT_FOUND, { message: notFoundMessage('test run') });
  return run;
}

export function findTest(app: AppContext, workspace: string, id: string): AgentTest {
  const test = app.store.test(workspace, id);
  if (!test) throw new ApiError(AGENT_TEST_NOT_FOUND, { message: notFoundMessage('test') });
  return test;
}

export function findAgent(app: AppContext, workspace: string, id: string): Agent {
  const agent = app.store.agent(workspace, id);
  if (!agent) throw new ApiError(AGENT_NOT_FOUND, { message: notFoundMessage('agent') });
  return agent;
}
