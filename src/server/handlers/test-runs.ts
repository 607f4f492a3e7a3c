// Starting test runs (Run All, batch, one test) and reading, cancelling and listing them.
import { validationFailed } from '../../wire/errors.ts';
import type { components } from '../../generated/openapi.ts';
import type { AppContext, Handler } from '../context.ts';
import { pageLinks, pageQuery } from '../pages.ts';
import { pendingRun } from './suite-runs.ts';

type Schemas = components['schemas'];

export function testRunHandlers(app: AppContext): Record<string, Handler> {
  const { store, presenter } = app;

  return {
    runAllTests: ({ workspace, params, body }) => {
      const agent = app.lookups.findAgent(workspace, params.agent_id!);
      const request = body as Schemas['RunAllTestsRequest'];
      const tests = store.testsOfAgent(workspace, agent.id);
      if (tests.length === 0) return { status: 202, body: { runs: [], suite_run: null } };
      let flowVersionNumber: number | null = null;
      if (request.flow_version_id !== undefined) {
        const version = agent.flow_versions.find((v) => v.id === request.flow_version_id);
        if (!version) throw validationFailed({ flow_version_id: 'is not a flow version of this agent' });
        flowVersionNumber = version.number;
      }
      const suite = store.createSuite(
        workspace,
        {
          agent_id: agent.id,
          trigger: 'run_all',
          parent_suite_run_id: null,
          config_override: request.config_override ?? null,
          flow_version_id: request.flow_version_id ?? null,
          flow_version_number: flowVersionNumber,
        },
        tests.map((test) => pendingRun(test.id, agent.id)),
      );
      app.worker.drive(workspace, suite.runs);
      return {
        status: 202,
        body: { runs: suite.runs.map(presenter.testRun), suite_run: presenter.suiteEmbedded(suite) },
      };
    },

    runTestsBatch: ({ workspace, body }) => {
      const entries = (body as Schemas['RunBatchRequest']).entries;
      const fields: Record<string, string> = {};
      const children = entries.map((entry, i) => {
        const test = store.test(workspace, entry.test_id);
        if (!test) fields[`entries[${i}].test_id`] = 'no test with this id exists in this workspace';
        if (entry.agent_id !== undefined && !store.agent(workspace, entry.agent_id)) {
          fields[`entries[${i}].agent_id`] = 'no agent with this id exists in this workspace';
        }
        return pendingRun(entry.test_id, entry.agent_id ?? test?.agent_id ?? '');
      });
      if (Object.keys(fields).length)
        throw validationFailed(fields, 'Some entries name a test or agent this workspace does not have.');
      const suite = store.createSuite(
        workspace,
        {
          agent_id: null,
          trigger: 'batch',
          parent_suite_run_id: null,
          config_override: null,
          flow_version_id: null,
          flow_version_number: null,
        },
        children,
      );
      app.worker.drive(workspace, suite.runs);
      return {
        status: 202,
        body: { runs: suite.runs.map(presenter.testRun), suite_run: presenter.suiteEmbedded(suite) },
      };
    },

    runTest: ({ workspace, params, body }) => {
      const test = app.lookups.findTest(workspace, params.test_id!);
      const request = body as Schemas['RunTestRequest'];
      const agent = request.agent_id !== undefined ? app.lookups.findAgent(workspace, request.agent_id) : undefined;
      const run = store.createRun(workspace, pendingRun(test.id, agent?.id ?? test.agent_id));
      app.worker.drive(workspace, [run]);
      return { status: 202, body: presenter.testRun(run) };
    },

    getTestRun: ({ workspace, params }) => ({
      status: 200,
      body: presenter.testRun(app.lookups.findRun(workspace, params.test_run_id!)),
    }),

    cancelTestRun: ({ workspace, params }) => {
      const run = app.lookups.findRun(workspace, params.test_run_id!);
      return { status: 200, body: presenter.testRun(store.cancelRun(workspace, run.id)) };
    },

    listTestRuns: ({ workspace, params, query }) => {
      const test = app.lookups.findTest(workspace, params.test_id!);
      const { after, limit } = pageQuery(query, 'run');
      const page = store.listRuns(workspace, test.id, { ...(after ? { after } : {}), limit });
      return { status: 200, body: { ...pageLinks(page.nextAfter), runs: page.items.map(presenter.testRun) } };
    },
  };
}
