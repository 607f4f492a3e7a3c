// The control interface (spec/control.openapi.yaml): reset to the fixtures, make a suite run
// with exactly the children asked for, and move a run as a worker would.
import { ApiError, CONFLICT, validationFailed } from '../../wire/errors.ts';
import type { RunMove } from '../../domain/advance.ts';
import { makeResult } from '../../domain/results.ts';
import type { AgentTest, SuiteRun } from '../../domain/types.ts';
import type { components } from '../../generated/control.ts';
import type { NewRun, NewSuite } from '../../store/store.ts';
import type { AppContext, Handler } from '../context.ts';

type Schemas = components['schemas'];
const DEFAULT_ERROR = 'The agent did not answer within 60 seconds.';

export function controlHandlers(app: AppContext): Record<string, Handler> {
  const { store, presenter } = app;

  /** The suite's own fields, or the fields that are wrong with the request. */
  function planSuite(
    workspace: string,
    request: Schemas['ControlSuiteRunRequest'],
    fields: Record<string, string>,
  ): NewSuite {
    const parentId = request.parent_suite_run_id ?? null;
    const trigger = request.trigger ?? (parentId ? 'resubmit' : 'run_all');
    let parent: SuiteRun | undefined;
    if (parentId !== null) {
      parent = store.suite(workspace, parentId);
      if (!parent) fields.parent_suite_run_id = 'no suite run with this id exists in this workspace';
      if (trigger !== 'resubmit') fields.trigger = 'must be resubmit when parent_suite_run_id is given';
    } else if (trigger === 'resubmit') {
      fields.parent_suite_run_id = 'is required for a resubmit';
    }
    let agentId: string | null = null;
    if (trigger === 'batch') {
      if (request.agent_id) fields.agent_id = 'must be null for a batch, which may span agents';
    } else if (request.agent_id) {
      agentId = request.agent_id;
      if (!store.agent(workspace, agentId)) fields.agent_id = 'no agent with this id exists in this workspace';
    } else {
      agentId =
        parent?.agent_id ??
        (
          store.agents(workspace).find((a) => store.testsOfAgent(workspace, a.id).length > 0) ??
          store.agents(workspace)[0]
        )?.id ??
        null;
    }
    return {
      agent_id: agentId,
      trigger,
      parent_suite_run_id: parentId,
      config_override: parent?.config_override ?? null,
      flow_version_id: parent?.flow_version_id ?? null,
      flow_version_number: parent?.flow_version_number ?? null,
    };
  }

  /**
   * Children with timestamps that fit their status: all at `at`, the suite's own creation instant
   * (taken once: read twice, the clock could tick in between and a child start before it was made).
   * Cancelled ones had started.
   */
  function planChildren(
    workspace: string,
    suite: NewSuite,
    children: Schemas['ControlChild'][],
    fields: Record<string, string>,
    at: string,
  ): NewRun[] {
    const pool: AgentTest[] = suite.agent_id ? store.testsOfAgent(workspace, suite.agent_id) : store.tests(workspace);
    return children.flatMap((child, i): NewRun[] => {
      const at_i = `children[${i}]`;
      if ((child.status === 'completed') !== (child.verdict !== undefined)) {
        fields[`${at_i}.verdict`] =
          child.status === 'completed'
            ? 'is required when status is completed'
            : 'is allowed only when status is completed';
      }
      if (child.error !== undefined && child.status !== 'failed')
        fields[`${at_i}.error`] = 'is allowed only when status is failed';
      const test =
        child.test_id !== undefined ? store.test(workspace, child.test_id) : pool[i % Math.max(pool.length, 1)];
      if (!test) {
        fields[`${at_i}.test_id`] =
          child.test_id !== undefined
            ? 'no test with this id exists in this workspace'
            : 'the agent has no tests: give a test_id';
        return [];
      }
      const started = child.status !== 'pending';
      const terminal = child.status === 'completed' || child.status === 'failed' || child.status === 'cancelled';
      const run: NewRun = {
        test_id: test.id,
        agent_id: suite.agent_id ?? test.agent_id,
        status: child.status,
        verdict: child.status === 'completed' ? (child.verdict ?? 'passed') : null,
        started_at: started ? at : null,
        ended_at: terminal ? at : null,
        result: child.status === 'completed' ? makeResult(test.type, child.verdict ?? 'passed', 0) : null,
      };
      if (child.status === 'failed') run.error = child.error ?? DEFAULT_ERROR;
      return [run];
    });
  }

  function moveOf(
    workspace: string,
    testId: string,
    startedAt: string | null,
    request: Schemas['ControlAdvanceRequest'],
  ): RunMove {
    const fields: Record<string, string> = {};
    if ((request.to === 'completed') !== (request.verdict !== undefined)) {
      fields.verdict =
        request.to === 'completed' ? 'is required when to is completed' : 'is allowed only when to is completed';
    }
    if (request.error !== undefined && request.to !== 'failed') fields.error = 'is allowed only when to is failed';
    if (Object.keys(fields).length) throw validationFailed(fields);
    if (request.to === 'running') return { to: 'running' };
    if (request.to === 'failed') return { to: 'failed', error: request.error ?? DEFAULT_ERROR };
    const type = store.test(workspace, testId)?.type ?? 'reply';
    const duration = startedAt ? Date.parse(store.instant()) - Date.parse(startedAt) : 0;
    return { to: 'completed', verdict: request.verdict!, result: makeResult(type, request.verdict!, duration) };
  }

  return {
    controlReset: () => {
      app.worker.stop();
      store.reset();
      return { status: 204 };
    },

    controlCreateSuiteRun: ({ workspace, body }) => {
      const request = body as Schemas['ControlSuiteRunRequest'];
      const fields: Record<string, string> = {};
      const suite = planSuite(workspace, request, fields);
      const at = store.instant();
      const children = planChildren(workspace, suite, request.children, fields, at);
      if (Object.keys(fields).length) throw validationFailed(fields);
      return {
        status: 201,
        body: presenter.suiteWithRuns(store.createSuite(workspace, suite, children, Date.parse(at))),
      };
    },

    controlAdvanceRun: ({ workspace, params, body }) => {
      const run = app.lookups.findRun(workspace, params.test_run_id!);
      const move = moveOf(workspace, run.test_id, run.started_at, body as Schemas['ControlAdvanceRequest']);
      const outcome = store.advanceRun(workspace, run.id, move);
      if ('error' in outcome) throw new ApiError(CONFLICT, { message: outcome.error.message });
      return { status: 200, body: presenter.testRun(outcome.ok) };
    },
  };
}
