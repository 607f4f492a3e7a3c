// Tenancy on every operation: another workspace's resources do not exist (404, never 403),
// are absent from lists, and are left exactly as they were.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../src/store/fixtures.ts';
import { ALPHA, BRAVO, makeSuite, RUNS, SUITES, useTestServer } from './support/server.ts';

const api = useTestServer();
const fixtures = loadFixtures();
const alpha = fixtures.workspaces.find((w) => w.id === 'alpha')!;
const alphaAgent = alpha.agents.find((a) => alpha.tests.some((t) => t.agent_id === a.id))!;
const alphaTest = alpha.tests[0]!;
let alphaSuite: any; // a running suite of alpha with a failed child, made fresh
let alphaFailedSuite: any;

beforeAll(async () => {
  alphaSuite = await makeSuite(api, [{ status: 'running' }, { status: 'pending' }], {}, ALPHA);
  alphaFailedSuite = await makeSuite(api, [{ status: 'failed' }], {}, ALPHA);
});

describe("bravo cannot reach alpha's resources", () => {
  it.each<[string, string, () => string, unknown, string]>([
    ['get suite run', 'GET', () => `${SUITES}/${alphaSuite.id}`, undefined, 'not_found'],
    ['cancel suite run', 'POST', () => `${SUITES}/${alphaSuite.id}/cancel`, undefined, 'not_found'],
    ['resubmit suite run', 'POST', () => `${SUITES}/${alphaFailedSuite.id}/resubmit`, undefined, 'not_found'],
    ['get test run', 'GET', () => `${RUNS}/${alphaSuite.runs[0].id}`, undefined, 'not_found'],
    ['cancel test run', 'POST', () => `${RUNS}/${alphaSuite.runs[0].id}/cancel`, undefined, 'not_found'],
    ['run all', 'POST', () => `/v1/agents/${alphaAgent.id}/tests/runs`, {}, 'agent_not_found'],
    ['run one test', 'POST', () => `/v1/agents/tests/${alphaTest.id}/runs`, {}, 'agent_test_not_found'],
    ['list test runs', 'GET', () => `/v1/agents/tests/${alphaTest.id}/runs`, undefined, 'agent_test_not_found'],
    [
      'control advance',
      'POST',
      () => `/_control/runs/${alphaSuite.runs[1].id}/advance`,
      { to: 'running' },
      'not_found',
    ],
  ])('%s is 404 %s', async (_name, method, path, body, code) => {
    const answer = await api.call(method, path(), { key: BRAVO, ...(body !== undefined ? { body } : {}) });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe(code);
  });

  it('batch naming an alpha test or agent is 400 on that entry', async () => {
    const answer = await api.post(
      `${RUNS}/batch`,
      {
        entries: [
          { test_id: alphaTest.id },
          { test_id: fixtures.workspaces[1]!.tests[0]!.id, agent_id: alphaAgent.id },
        ],
      },
      { key: BRAVO },
    );
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error.fields).sort()).toEqual(['entries[0].test_id', 'entries[1].agent_id']);
  });

  it('control create naming an alpha agent, test or parent is 400', async () => {
    const byAgent = await api.post(
      '/_control/suite-runs',
      { agent_id: alphaAgent.id, children: [{ status: 'pending' }] },
      { key: BRAVO },
    );
    expect(byAgent.body.error.fields).toHaveProperty('agent_id');
    const byTest = await api.post(
      '/_control/suite-runs',
      { children: [{ status: 'pending', test_id: alphaTest.id }] },
      { key: BRAVO },
    );
    expect(byTest.body.error.fields).toHaveProperty(['children[0].test_id']);
    const byParent = await api.post(
      '/_control/suite-runs',
      { parent_suite_run_id: alphaFailedSuite.id, children: [{ status: 'pending' }] },
      { key: BRAVO },
    );
    expect(byParent.body.error.fields).toHaveProperty('parent_suite_run_id');
  });

  it("alpha's suites are absent from bravo's list, with or without the agent filter", async () => {
    const all = await api.get(`${SUITES}?limit=200`, { key: BRAVO });
    expect(all.body.suite_runs.some((s: any) => s.id === alphaSuite.id)).toBe(false);
    const filtered = await api.get(`${SUITES}?agent_id=${alphaAgent.id}`, { key: BRAVO });
    expect(filtered.body.suite_runs).toEqual([]);
  });

  it("after all of that, alpha's suites are exactly as they were", async () => {
    expect((await api.get(`${SUITES}/${alphaSuite.id}`)).body).toEqual(alphaSuite);
    expect((await api.get(`${SUITES}/${alphaFailedSuite.id}`)).body).toEqual(alphaFailedSuite);
  });

  it.each(fixtures.suiteRuns.filter((s) => s.workspace === 'bravo').map((s) => [s.suite.id]))(
    'alpha cannot read bravo fixture %s',
    async (id) => {
      expect((await api.get(`${SUITES}/${id}`, { key: ALPHA })).status).toBe(404);
    },
  );
});
