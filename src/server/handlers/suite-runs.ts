// List, read, cancel and resubmit suite runs: parse, call the store, answer.
import { ApiError, BAD_REQUEST, CONFLICT } from '../../wire/errors.ts';
import type { NewRun } from '../../store/store.ts';
import type { AppContext, Handler } from '../context.ts';
import { pageLinks, pageQuery } from '../pages.ts';

/** A new child that waits for a worker. */
export function pendingRun(test_id: string, agent_id: string): NewRun {
  return { test_id, agent_id, status: 'pending', verdict: null, started_at: null, ended_at: null, result: null };
}

export function suiteRunHandlers(app: AppContext): Record<string, Handler> {
  const { store, presenter } = app;

  return {
    listSuiteRuns: ({ workspace, query }) => {
      const { after, limit } = pageQuery(query, 'srun');
      const agentId = typeof query.agent_id === 'string' ? query.agent_id : undefined;
      const page = store.listSuites(workspace, {
        ...(agentId !== undefined ? { agentId } : {}),
        ...(after ? { after } : {}),
        limit,
      });
      return { status: 200, body: { ...pageLinks(page.nextAfter), suite_runs: page.items.map(presenter.suiteItem) } };
    },

    getSuiteRun: ({ workspace, params }) => ({
      status: 200,
      json: presenter.suiteWithRunsJson(app.lookups.findSuite(workspace, params.suite_run_id!).suite),
    }),

    cancelSuiteRun: ({ workspace, params }) => {
      const found = app.lookups.findSuite(workspace, params.suite_run_id!);
      const after = store.cancelSuite(found.workspace, found.suite.id);
      return { status: 200, json: presenter.suiteWithRunsJson(after) };
    },

    resubmitSuiteRun: ({ workspace, params }) => {
      const { workspace: home, suite: parent } = app.lookups.findSuite(workspace, params.suite_run_id!);
      const plan = app.planResubmit(parent);
      if ('error' in plan && plan.error === 'not_terminal') {
        throw new ApiError(CONFLICT, { message: 'The suite run is still running; resubmit it once it has ended.' });
      }
      if ('error' in plan)
        throw new ApiError(BAD_REQUEST, { message: 'The suite run has no failed or errored test runs to resubmit.' });
      const created = store.createSuite(
        home,
        {
          agent_id: parent.agent_id,
          trigger: 'resubmit',
          parent_suite_run_id: parent.id,
          config_override: parent.config_override,
          flow_version_id: parent.flow_version_id,
          flow_version_number: parent.flow_version_number,
        },
        plan.ok.map((child) => pendingRun(child.test_id, child.agent_id)),
      );
      app.worker.drive(home, created.runs);
      return { status: 202, body: presenter.suiteWithRunsCreated(created) };
    },
  };
}
