// The control interface: only when asked for and on loopback; reset, make a suite, advance.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../src/server/loopback.ts';
import { startServer } from '../src/server/index.ts';
import { loadFixtures } from '../src/store/fixtures.ts';
import { deriveSuite } from '../src/domain/derive.ts';
import {
  ALPHA,
  BRAVO,
  EVERY_STATUS,
  expectDerivedConsistent,
  makeSuite,
  RUNS,
  SUITES,
  useTestServer,
} from './support/server.ts';

const api = useTestServer();
const fixtures = loadFixtures();
const alpha = fixtures.workspaces.find((w) => w.id === 'alpha')!;
const runningFixture = fixtures.suiteRuns.find(
  (s) => s.workspace === 'alpha' && deriveSuite(s.suite.runs).status === 'running',
)!.suite;

describe('where the control interface exists', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
    ['10.0.0.1', false],
    ['example.com', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('is off unless asked for', async () => {
    const server = await startServer({ port: 0 });
    try {
      expect(server.controlEnabled).toBe(false);
      const answer = await fetch(`${server.url}/_control/reset`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ALPHA}` },
      });
      expect(answer.status).toBe(404);
      expect((await answer.json()).error.code).toBe('not_found');
    } finally {
      await server.close();
    }
  });

  it('is off on an address other machines can reach, even when asked for', async () => {
    const server = await startServer({ host: '0.0.0.0', port: 0, control: true });
    try {
      expect(server.controlEnabled).toBe(false);
      const answer = await fetch(`http://127.0.0.1:${server.port}/_control/reset`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ALPHA}` },
      });
      expect(answer.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('reset', () => {
  it('drops what was made and brings the fixtures back', async () => {
    const made = await makeSuite(api, [{ status: 'pending' }]);
    await api.post(`${SUITES}/${runningFixture.id}/cancel`);
    expect((await api.get(`${SUITES}/${runningFixture.id}`)).body.status).toBe('cancelled');
    const answer = await api.post('/_control/reset', undefined, { key: BRAVO });
    expect(answer.status).toBe(204);
    expect((await api.get(`${SUITES}/${made.id}`)).status).toBe(404);
    expect((await api.get(`${SUITES}/${runningFixture.id}`)).body.status).toBe('running');
  });

  it('forgets idempotency keys', async () => {
    const agent = alpha.agents.find((a) => alpha.tests.some((t) => t.agent_id === a.id))!;
    const options = { headers: { 'idempotency-key': 'reset-me' } };
    const first = await api.post(`/v1/agents/${agent.id}/tests/runs`, {}, options);
    await api.post('/_control/reset');
    const second = await api.post(`/v1/agents/${agent.id}/tests/runs`, {}, options);
    expect(second.body.suite_run.id).not.toBe(first.body.suite_run.id);
  });
});

describe('make a suite run', () => {
  it('has exactly the given children, in order, timestamps fitting each status, and equals the public GET', async () => {
    const suite = await makeSuite(api, EVERY_STATUS);
    expect(suite.runs.map((r: any) => [r.status, r.verdict])).toEqual(
      EVERY_STATUS.map((c) => [c.status, c.verdict ?? null]),
    );
    expect(suite.runs[4].error).toBe('Upstream timeout');
    expectDerivedConsistent(suite);
    for (const run of suite.runs) {
      if (run.status !== 'pending') expect(run.started_at).not.toBeNull();
      if (run.started_at) expect(Date.parse(run.started_at)).toBeGreaterThanOrEqual(Date.parse(run.created_at));
      if (run.ended_at)
        expect(Date.parse(run.ended_at)).toBeGreaterThanOrEqual(Date.parse(run.started_at ?? run.created_at));
    }
    expect((await api.get(`${SUITES}/${suite.id}`)).body).toEqual(suite);
  });

  it('defaults to a run_all of an agent with tests, each child a test of that agent', async () => {
    const suite = await makeSuite(api, [{ status: 'pending' }, { status: 'pending' }, { status: 'pending' }]);
    expect(suite.trigger).toBe('run_all');
    const tests = alpha.tests.filter((t) => t.agent_id === suite.agent_id).map((t) => t.id);
    expect(tests.length).toBeGreaterThan(0);
    for (const run of suite.runs) expect(tests).toContain(run.test_id);
  });

  it('a batch has no agent; given test ids are used', async () => {
    const test = alpha.tests[alpha.tests.length - 1]!;
    const suite = await makeSuite(api, [{ status: 'completed', verdict: 'passed', test_id: test.id }], {
      trigger: 'batch',
    });
    expect(suite).toMatchObject({ agent_id: null, agent_name: null, trigger: 'batch' });
    expect(suite.runs[0]).toMatchObject({ test_id: test.id, agent_id: test.agent_id });
  });

  it('a parent makes it a resubmit of that parent', async () => {
    const parent = await makeSuite(api, [{ status: 'failed' }]);
    const child = await makeSuite(api, [{ status: 'running' }], { parent_suite_run_id: parent.id });
    expect(child).toMatchObject({ trigger: 'resubmit', parent_suite_run_id: parent.id, agent_id: parent.agent_id });
  });

  it('takes 1000 children', async () => {
    const suite = await makeSuite(
      api,
      Array.from({ length: 1000 }, (_, i) =>
        i % 2 ? { status: 'pending' } : { status: 'completed', verdict: 'passed' },
      ),
    );
    expect(suite.total).toBe(1000);
    expect(suite.results.passed).toBe(500);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no children', { children: [] }, 'children'],
    ['1001 children', { children: Array.from({ length: 1001 }, () => ({ status: 'pending' })) }, 'children'],
    [
      'completed without verdict',
      { children: [{ status: 'pending' }, { status: 'completed' }] },
      'children[1].verdict',
    ],
    ['a verdict on a running child', { children: [{ status: 'running', verdict: 'passed' }] }, 'children[0].verdict'],
    [
      'an error on a completed child',
      { children: [{ status: 'completed', verdict: 'passed', error: 'x' }] },
      'children[0].error',
    ],
    ['an unknown status', { children: [{ status: 'queued' }] }, 'children[0].status'],
    [
      'an unknown test',
      { children: [{ status: 'pending', test_id: 'test_01M6B1YQ00KK2E5G4WKKWPGZ00' }] },
      'children[0].test_id',
    ],
    [
      'an unknown agent',
      { agent_id: 'agent_01M6B1YQ00KK2E5G4WKKWPGZ00', children: [{ status: 'pending' }] },
      'agent_id',
    ],
    [
      'a batch with an agent',
      { trigger: 'batch', agent_id: alpha.agents[0]!.id, children: [{ status: 'pending' }] },
      'agent_id',
    ],
    ['a resubmit without parent', { trigger: 'resubmit', children: [{ status: 'pending' }] }, 'parent_suite_run_id'],
    ['an unknown property', { children: [{ status: 'pending' }], colour: 'red' }, 'colour'],
  ])('%s is 400 validation_failed', async (_name, body, field) => {
    const answer = await api.post('/_control/suite-runs', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(Object.keys(answer.body.error.fields)).toContain(field);
  });
});

describe('advance a run', () => {
  const advance = (id: string, body: unknown, key = ALPHA) => api.post(`/_control/runs/${id}/advance`, body, { key });

  it('moves pending -> running -> completed, and the suite follows', async () => {
    const suite = await makeSuite(api, [{ status: 'pending' }]);
    const id = suite.runs[0].id;
    const running = await advance(id, { to: 'running' });
    expect(running.status).toBe(200);
    expect(running.body).toMatchObject({ id, status: 'running', ended_at: null });
    expect(running.body.started_at).not.toBeNull();
    const done = await advance(id, { to: 'completed', verdict: 'failed' });
    expect(done.body).toMatchObject({ status: 'completed', verdict: 'failed', started_at: running.body.started_at });
    expect(done.body.result.passed).toBe(false);
    const read = await api.get(`${SUITES}/${suite.id}`);
    expect(read.body).toMatchObject({ status: 'completed', verdict: 'failed' });
    expect((await api.get(`${RUNS}/${id}`)).body).toEqual(done.body);
  });

  it('pending -> failed and running -> failed carry the error', async () => {
    const suite = await makeSuite(api, [{ status: 'pending' }, { status: 'running' }]);
    const a = await advance(suite.runs[0].id, { to: 'failed', error: 'No capacity' });
    expect(a.body).toMatchObject({ status: 'failed', error: 'No capacity', started_at: null });
    const b = await advance(suite.runs[1].id, { to: 'failed' });
    expect(b.body.status).toBe('failed');
    expect(typeof b.body.error).toBe('string');
  });

  it.each<[string, unknown, unknown]>([
    ['pending -> completed', { status: 'pending' }, { to: 'completed', verdict: 'passed' }],
    ['running -> running', { status: 'running' }, { to: 'running' }],
    ['completed -> failed', { status: 'completed', verdict: 'passed' }, { to: 'failed' }],
    ['failed -> running', { status: 'failed' }, { to: 'running' }],
    ['cancelled -> completed', { status: 'cancelled' }, { to: 'completed', verdict: 'passed' }],
  ])('%s is 409 conflict and changes nothing', async (_name, child, move) => {
    const suite = await makeSuite(api, [child]);
    const answer = await advance(suite.runs[0].id, move);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('conflict');
    expect((await api.get(`${SUITES}/${suite.id}`)).body).toEqual(suite);
  });

  it.each<[string, unknown, string]>([
    ['completed without verdict', { to: 'completed' }, 'verdict'],
    ['a verdict when moving to running', { to: 'running', verdict: 'passed' }, 'verdict'],
    ['an error when moving to running', { to: 'running', error: 'x' }, 'error'],
    ['an unknown target', { to: 'cancelled' }, 'to'],
  ])('%s is 400 validation_failed', async (_name, move, field) => {
    const suite = await makeSuite(api, [{ status: 'running' }]);
    const answer = await advance(suite.runs[0].id, move);
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toHaveProperty(field);
  });

  it('an unknown run is 404', async () => {
    const answer = await advance('run_01M6B1YQ00KK2E5G4WKKWPGZ00', { to: 'running' });
    expect(answer.status).toBe(404);
  });
});
