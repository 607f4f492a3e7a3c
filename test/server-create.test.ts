// Run All, batch, one test, resubmit: what each creates and answers, and Idempotency-Key.
import { describe, expect, it } from 'vitest';
import { isId } from '../src/ids/index.ts';
import { loadFixtures } from '../src/store/fixtures.ts';
import {
  ALPHA,
  BRAVO,
  expectDerivedConsistent,
  makeSuite,
  RUNS,
  startTestServer,
  SUITES,
  useTestServer,
} from './support/server.ts';

const api = useTestServer();
const fixtures = loadFixtures();
const alpha = fixtures.workspaces.find((w) => w.id === 'alpha')!;
const bravo = fixtures.workspaces.find((w) => w.id === 'bravo')!;
const testsOf = (agentId: string) => alpha.tests.filter((t) => t.agent_id === agentId);
const agent = alpha.agents.find((a) => testsOf(a.id).length > 0 && a.flow_versions.length > 1)!;
const otherAgent = alpha.agents.find((a) => a.id !== agent.id && testsOf(a.id).length > 0)!;
const agentWithoutTests = alpha.agents.find((a) => testsOf(a.id).length === 0)!;
const runAll = (agentId: string) => `/v1/agents/${agentId}/tests/runs`;

describe('Run All', () => {
  it('queues one pending run per test of the agent, grouped in a new run_all suite', async () => {
    const answer = await api.post(runAll(agent.id), {});
    expect(answer.status).toBe(202);
    const { runs, suite_run: suite } = answer.body;
    expect(runs.map((r: any) => r.test_id)).toEqual(testsOf(agent.id).map((t) => t.id));
    for (const run of runs) {
      expect(run).toMatchObject({
        agent_id: agent.id,
        status: 'pending',
        verdict: null,
        started_at: null,
        ended_at: null,
        result: null,
      });
      expect(isId(run.id, 'run')).toBe(true);
    }
    expect(suite).toMatchObject({
      agent_id: agent.id,
      agent_name: null,
      trigger: 'run_all',
      parent_suite_run_id: null,
      status: 'running',
      pending: runs.length,
    });
    const read = await api.get(`${SUITES}/${suite.id}`);
    expect(read.body.agent_name).toBe(agent.name);
    expect(read.body.runs.map((r: any) => r.id)).toEqual(runs.map((r: any) => r.id));
    expectDerivedConsistent(read.body);
  });

  it('stores config_override and flow_version_id, and resolves the flow version number', async () => {
    const version = agent.flow_versions[1]!;
    const override = { prompt: 'Answer in French.', model: 'small', tool_ids: ['tool_a'] };
    const answer = await api.post(runAll(agent.id), { config_override: override, flow_version_id: version.id });
    expect(answer.body.suite_run).toMatchObject({
      config_override: override,
      flow_version_id: version.id,
      flow_version_number: version.number,
    });
  });

  it('an unknown flow version is 400 validation_failed on flow_version_id', async () => {
    const answer = await api.post(runAll(agent.id), { flow_version_id: otherAgent.id.replace('agent_', 'fver_') });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toHaveProperty('flow_version_id');
  });

  it('an agent without tests queues nothing: runs [] and suite_run null', async () => {
    const answer = await api.post(runAll(agentWithoutTests.id));
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ runs: [], suite_run: null });
  });

  it.each([
    ['an unknown agent', 'agent_01M6B1YQ00KK2E5G4WKKWPGZ00'],
    ["another workspace's agent", bravo.agents[0]!.id],
  ])('%s is 404 agent_not_found', async (_name, id) => {
    const answer = await api.post(runAll(id), {});
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('agent_not_found');
  });
});

describe('batch', () => {
  it('queues one run per entry, against the entry agent or the test agent, in a suite without agent', async () => {
    const [t1, t2] = [testsOf(agent.id)[0]!, testsOf(otherAgent.id)[0]!];
    const answer = await api.post(`${RUNS}/batch`, {
      entries: [{ test_id: t1.id }, { test_id: t2.id }, { test_id: t1.id, agent_id: otherAgent.id }],
    });
    expect(answer.status).toBe(202);
    expect(answer.body.runs.map((r: any) => [r.test_id, r.agent_id])).toEqual([
      [t1.id, agent.id],
      [t2.id, otherAgent.id],
      [t1.id, otherAgent.id],
    ]);
    expect(answer.body.suite_run).toMatchObject({ agent_id: null, agent_name: null, trigger: 'batch', total: 3 });
    const read = await api.get(`${SUITES}/${answer.body.suite_run.id}`);
    expect(read.body.agent_name).toBeNull();
    expect(read.body.runs.map((r: any) => r.agent_name)).toEqual([agent.name, otherAgent.name, otherAgent.name]);
  });

  it('unknown tests and agents are 400 validation_failed naming each entry', async () => {
    const answer = await api.post(`${RUNS}/batch`, {
      entries: [
        { test_id: alpha.tests[0]!.id },
        { test_id: bravo.tests[0]!.id },
        { test_id: alpha.tests[0]!.id, agent_id: bravo.agents[0]!.id },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(answer.body.error.fields).toEqual({
      'entries[1].test_id': expect.any(String),
      'entries[2].agent_id': expect.any(String),
    });
  });

  it.each([
    ['no entries', { entries: [] }],
    ['101 entries', { entries: Array.from({ length: 101 }, () => ({ test_id: alpha.tests[0]!.id })) }],
    ['no body', undefined],
  ])('%s is 400 validation_failed', async (_name, body) => {
    const answer = await api.call('POST', `${RUNS}/batch`, body === undefined ? {} : { body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
  });

  it('100 entries are accepted', async () => {
    const answer = await api.post(`${RUNS}/batch`, {
      entries: Array.from({ length: 100 }, () => ({ test_id: alpha.tests[0]!.id })),
    });
    expect(answer.status).toBe(202);
    expect(answer.body.runs).toHaveLength(100);
  });
});

describe('run one test', () => {
  const test = testsOf(agent.id)[0]!;

  it('queues a run without a suite, on the test agent or the given one', async () => {
    const own = await api.post(`/v1/agents/tests/${test.id}/runs`);
    expect(own.status).toBe(202);
    expect(own.body).toMatchObject({ test_id: test.id, agent_id: agent.id, status: 'pending' });
    const other = await api.post(`/v1/agents/tests/${test.id}/runs`, { agent_id: otherAgent.id });
    expect(other.body.agent_id).toBe(otherAgent.id);
    expect((await api.get(`${RUNS}/${own.body.id}`)).body).toEqual(own.body);
  });

  it('an unknown test is 404 agent_test_not_found; an unknown agent 404 agent_not_found', async () => {
    const unknownTest = await api.post(`/v1/agents/tests/${bravo.tests[0]!.id}/runs`, {});
    expect(unknownTest.body.error.code).toBe('agent_test_not_found');
    const unknownAgent = await api.post(`/v1/agents/tests/${test.id}/runs`, { agent_id: bravo.agents[0]!.id });
    expect(unknownAgent.status).toBe(404);
    expect(unknownAgent.body.error.code).toBe('agent_not_found');
  });
});

describe('resubmit', () => {
  it('re-runs the failed and failed-verdict children of a terminal suite, in order, as a new pending suite', async () => {
    const parent = await makeSuite(api, [
      { status: 'completed', verdict: 'passed' },
      { status: 'failed' },
      { status: 'cancelled' },
      { status: 'completed', verdict: 'failed' },
    ]);
    const answer = await api.post(`${SUITES}/${parent.id}/resubmit`);
    expect(answer.status).toBe(202);
    const created = answer.body;
    expect(created).toMatchObject({
      trigger: 'resubmit',
      parent_suite_run_id: parent.id,
      agent_id: parent.agent_id,
      config_override: parent.config_override,
      flow_version_id: parent.flow_version_id,
      status: 'running',
      pending: 2,
    });
    expect(created.runs.map((r: any) => [r.test_id, r.agent_id, r.status])).toEqual([
      [parent.runs[1].test_id, parent.runs[1].agent_id, 'pending'],
      [parent.runs[3].test_id, parent.runs[3].agent_id, 'pending'],
    ]);
    // A read resolves agent_name, the creation answer does not: otherwise the two are equal.
    expect((await api.get(`${SUITES}/${created.id}`)).body).toEqual({ ...created, agent_name: parent.agent_name });
    expect((await api.get(`${SUITES}/${parent.id}`)).body).toEqual(parent);
  });

  it('answers agent_name null (a creation response); GET, list and cancel resolve it', async () => {
    const parent = await makeSuite(api, [{ status: 'failed' }]);
    expect(parent.agent_id).not.toBeNull();
    const answer = await api.post(`${SUITES}/${parent.id}/resubmit`);
    expect(answer.status).toBe(202);
    expect(answer.body).toHaveProperty('agent_name', null);
    expect(answer.body.agent_id).toBe(parent.agent_id);
    expect(answer.body.runs[0].agent_name).toBe(parent.runs[0].agent_name);
    const read = await api.get(`${SUITES}/${answer.body.id}`);
    expect(read.body.agent_name).toBe(parent.agent_name);
    expect(typeof read.body.agent_name).toBe('string');
    const listed = await api.get(`${SUITES}?agent_id=${parent.agent_id}&limit=200`);
    expect(listed.body.suite_runs.find((s: any) => s.id === answer.body.id).agent_name).toBe(parent.agent_name);
    expect((await api.post(`${SUITES}/${answer.body.id}/cancel`)).body.agent_name).toBe(parent.agent_name);
  });

  it('keeps the config override and flow version of a Run All parent', async () => {
    const version = agent.flow_versions[0]!;
    const started = await api.post(runAll(agent.id), { config_override: { model: 'm' }, flow_version_id: version.id });
    const suiteId = started.body.suite_run.id;
    const [first, ...rest] = started.body.runs;
    await api.post(`/_control/runs/${first.id}/advance`, { to: 'failed' });
    for (const run of rest) await api.post(`${RUNS}/${run.id}/cancel`);
    const answer = await api.post(`${SUITES}/${suiteId}/resubmit`);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({
      config_override: { model: 'm' },
      flow_version_id: version.id,
      flow_version_number: version.number,
    });
    expect(answer.body.runs.map((r: any) => r.test_id)).toEqual([first.test_id]);
  });

  it('a suite that is not terminal is 409 conflict', async () => {
    const parent = await makeSuite(api, [{ status: 'failed' }, { status: 'running' }]);
    const answer = await api.post(`${SUITES}/${parent.id}/resubmit`);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('conflict');
  });

  it.each([
    ['all passed', [{ status: 'completed', verdict: 'passed' }]],
    ['passed and cancelled only', [{ status: 'completed', verdict: 'passed' }, { status: 'cancelled' }]],
  ])('nothing to re-run (%s) is 400 bad_request', async (_name, children) => {
    const parent = await makeSuite(api, children);
    const answer = await api.post(`${SUITES}/${parent.id}/resubmit`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('bad_request');
  });
});

describe('Idempotency-Key', () => {
  const key = (name: string) => ({ headers: { 'idempotency-key': `${name}-${Math.random()}` } });

  it('the same key and body replays the first answer and creates nothing new', async () => {
    const options = key('replay');
    const first = await api.post(runAll(agent.id), { config_override: { model: 'a' } }, options);
    const before = await api.get(`${SUITES}?agent_id=${agent.id}&limit=200`);
    await api.post(`/_control/runs/${first.body.runs[0].id}/advance`, { to: 'running' }); // the suite moves on
    const second = await api.post(runAll(agent.id), { config_override: { model: 'a' } }, options);
    expect(second.status).toBe(first.status);
    expect(second.text).toBe(first.text);
    const after = await api.get(`${SUITES}?agent_id=${agent.id}&limit=200`);
    expect(after.body.suite_runs.length).toBe(before.body.suite_runs.length);
  });

  it('key order inside the body does not make it another body', async () => {
    const options = key('order');
    const first = await api.post(runAll(agent.id), { config_override: { model: 'a', prompt: 'p' } }, options);
    const second = await api.post(runAll(agent.id), { config_override: { prompt: 'p', model: 'a' } }, options);
    expect(second.text).toBe(first.text);
  });

  it('the same key with another body is 409 idempotency_conflict', async () => {
    const options = key('conflict');
    await api.post(runAll(agent.id), { config_override: { model: 'a' } }, options);
    const answer = await api.post(runAll(agent.id), { config_override: { model: 'b' } }, options);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('idempotency_conflict');
  });

  it('keys are scoped per workspace: the same key in another workspace creates its own', async () => {
    const options = key('scope');
    const a = await api.post(
      `${RUNS}/batch`,
      { entries: [{ test_id: alpha.tests[0]!.id }] },
      { ...options, key: ALPHA },
    );
    const b = await api.post(
      `${RUNS}/batch`,
      { entries: [{ test_id: bravo.tests[0]!.id }] },
      { ...options, key: BRAVO },
    );
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.suite_run.id).not.toBe(a.body.suite_run.id);
  });

  it.each([
    ['batch', () => `${RUNS}/batch`, () => ({ entries: [{ test_id: alpha.tests[0]!.id }] })],
    ['run one test', () => `/v1/agents/tests/${alpha.tests[0]!.id}/runs`, () => ({})],
  ])('%s replays too', async (_name, path, body) => {
    const options = key('ops');
    const first = await api.post(path(), body(), options);
    const second = await api.post(path(), body(), options);
    expect(first.status).toBe(202);
    expect(second.text).toBe(first.text);
  });

  it('resubmit replays its first answer', async () => {
    const parent = await makeSuite(api, [{ status: 'failed' }]);
    const options = key('resubmit');
    const first = await api.post(`${SUITES}/${parent.id}/resubmit`, undefined, options);
    const second = await api.post(`${SUITES}/${parent.id}/resubmit`, undefined, options);
    expect(first.status).toBe(202);
    expect(second.text).toBe(first.text);
  });

  it('a key is bound to its first request: the same key and body on another operation is 409 and makes nothing', async () => {
    const options = key('bound');
    const one = await api.post(`/v1/agents/tests/${testsOf(agent.id)[0]!.id}/runs`, {}, options);
    expect(one.status).toBe(202);
    const before = await api.get(`${SUITES}?agent_id=${agent.id}&limit=200`);
    const all = await api.post(runAll(agent.id), {}, options);
    expect(all.status).toBe(409);
    expect(all.body.error.code).toBe('idempotency_conflict');
    const after = await api.get(`${SUITES}?agent_id=${agent.id}&limit=200`);
    expect(after.body.suite_runs.map((s: any) => s.id)).toEqual(before.body.suite_runs.map((s: any) => s.id));
    // The first request still replays.
    expect((await api.post(`/v1/agents/tests/${testsOf(agent.id)[0]!.id}/runs`, {}, options)).text).toBe(one.text);
  });

  it('the same key on the same operation with another path id is 409 idempotency_conflict', async () => {
    const [first, second] = [
      await makeSuite(api, [{ status: 'failed' }]),
      await makeSuite(api, [{ status: 'failed' }]),
    ];
    const options = key('path');
    expect((await api.post(`${SUITES}/${first.id}/resubmit`, undefined, options)).status).toBe(202);
    const other = await api.post(`${SUITES}/${second.id}/resubmit`, undefined, options);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_conflict');
    expect((await api.post(`${SUITES}/${second.id}/resubmit`)).status).toBe(202); // the refusal made nothing and blocks nothing
  });

  it("another workspace's use of the same key text is unrelated, whatever the operation", async () => {
    const options = key('text');
    expect(
      (await api.post(`${RUNS}/batch`, { entries: [{ test_id: alpha.tests[0]!.id }] }, { ...options, key: ALPHA }))
        .status,
    ).toBe(202);
    expect((await api.post(`/v1/agents/tests/${bravo.tests[0]!.id}/runs`, {}, { ...options, key: BRAVO })).status).toBe(
      202,
    );
  });

  it('a refused request is not remembered: the key works once the request can succeed', async () => {
    const parent = await makeSuite(api, [{ status: 'running' }]);
    const options = key('retry');
    expect((await api.post(`${SUITES}/${parent.id}/resubmit`, undefined, options)).status).toBe(409);
    await api.post(`/_control/runs/${parent.runs[0].id}/advance`, { to: 'failed' });
    expect((await api.post(`${SUITES}/${parent.id}/resubmit`, undefined, options)).status).toBe(202);
  });

  it('without a key, each call creates anew', async () => {
    const first = await api.post(runAll(agent.id), {});
    const second = await api.post(runAll(agent.id), {});
    expect(second.body.suite_run.id).not.toBe(first.body.suite_run.id);
  });
});

describe('Idempotency-Key lifetime', () => {
  it('a key is forgotten after 24 hours of the server clock', async () => {
    const { createManualClock } = await import('../src/server/clock.ts');
    const clock = createManualClock(Date.parse('2026-11-30T12:00:00.000Z'));
    const timed = await startTestServer({ timeSource: clock });
    try {
      const options = { headers: { 'idempotency-key': 'day-long' } };
      const first = await timed.post(runAll(agent.id), {}, options);
      clock.advance(24 * 60 * 60 * 1000 - 1);
      expect((await timed.post(runAll(agent.id), {}, options)).text).toBe(first.text);
      clock.advance(1);
      const later = await timed.post(runAll(agent.id), {}, options);
      expect(later.status).toBe(202);
      expect(later.body.suite_run.id).not.toBe(first.body.suite_run.id);
    } finally {
      await timed.close();
    }
  });
});
