// The handlers' options, through msw's own setupServer and fetch, as a front-end test uses them.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../ids/seeded-random.ts';
import { createSuiteRunHandlers, SuiteRunControlError, type SuiteRunHandlersOptions } from './index.ts';
import suiteRunsFile from '../../fixtures/suite-runs.json' with { type: 'json' };
import testRunsFile from '../../fixtures/test-runs.json' with { type: 'json' };
import workspacesFile from '../../fixtures/workspaces.json' with { type: 'json' };

const BASE = 'https://api.suiterun.test';
const KEY = { Authorization: 'Bearer sk_test_alpha' };
const AGENT = 'agent_01M6B1YQ00KK2E5G4WKKWPGZ5Z';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function mock(options: Partial<SuiteRunHandlersOptions> = {}) {
  const made = createSuiteRunHandlers({ baseUrl: BASE, ...options });
  server.use(...made.handlers);
  return made;
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${BASE}${path}`, {
    ...init,
    headers: { ...KEY, ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
  });
const runAll = async (headers: Record<string, string> = {}) =>
  (await api(`/v1/agents/${AGENT}/tests/runs`, { method: 'POST', body: '{}', headers })).json();

describe('createSuiteRunHandlers', () => {
  it('serves the bundled fixtures with the envelope rules: 401 with WWW-Authenticate, 404, 405 with Allow, a request id on each', async () => {
    mock();
    const list = await api('/v1/agents/tests/suite-runs?limit=3');
    expect(list.status).toBe(200);
    expect(list.headers.get('speechify-request-id')).toMatch(/^req_[0-9A-Z]{26}$/);
    const page = await list.json();
    expect(page.suite_runs).toHaveLength(3);
    expect(page.has_more).toBe(true);
    const next = await (await api(`/v1/agents/tests/suite-runs?limit=3&cursor=${page.next_cursor}`)).json();
    expect(next.suite_runs.map((s: { id: string }) => s.id)).not.toContain(page.suite_runs[0].id);

    const anonymous = await fetch(`${BASE}/v1/agents/tests/suite-runs`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect((await anonymous.json()).error.code).toBe('unauthorized');
    expect((await (await api('/v1/agents/tests/suite-runs/srun_nope')).json()).error.code).toBe('not_found');
    const wrong = await api('/v1/agents/tests/runs/batch');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect((await api('/v1/nothing-here')).status).toBe(404);
  });

  it('a manual clock moves a started run only when the test ticks, at the instants the timings say', async () => {
    const start = Date.UTC(2026, 0, 1);
    const { control } = mock({
      clock: 'manual',
      startTime: start,
      workers: { pendingMs: 1000, runningMs: 2000, failRate: 0 },
      random: () => 0.5,
    });
    const created = await runAll();
    const suiteId = created.suite_run.id as string;
    const read = async () => (await api(`/v1/agents/tests/suite-runs/${suiteId}`)).json();
    expect((await read()).status).toBe('running');
    expect((await read()).runs.every((r: { status: string }) => r.status === 'pending')).toBe(true);

    control.tick(999);
    expect((await read()).runs.every((r: { status: string }) => r.status === 'pending')).toBe(true);
    control.tick(1);
    const started = await read();
    expect(started.runs.every((r: { status: string }) => r.status === 'running')).toBe(true);
    expect(started.runs[0].started_at).toBe(new Date(start + 1000).toISOString());

    control.tick(10_000);
    const done = await read();
    expect(done.status).toBe('completed');
    expect(done.verdict).toBe('passed');
    expect(done.runs[0].ended_at).toBe(new Date(start + 3000).toISOString());
    expect(control.now()).toBe(start + 11_000);
  });

  it('cancel wins over the workers, and the cancelled suite stays cancelled as time passes', async () => {
    const { control } = mock({ workers: { pendingMs: 100, runningMs: 100 } });
    const created = await runAll();
    const cancelled = await (
      await api(`/v1/agents/tests/suite-runs/${created.suite_run.id}/cancel`, { method: 'POST' })
    ).json();
    expect(cancelled.status).toBe('cancelled');
    control.tick(60_000);
    expect((await (await api(`/v1/agents/tests/suite-runs/${created.suite_run.id}`)).json()).status).toBe('cancelled');
  });

  it.each([
    [0, 'completed'],
    [1, 'failed'],
  ])('fail rate %d: every new run ends as the rate says', async (failRate, status) => {
    const { control } = mock({ workers: { pendingMs: 10, runningMs: 10, failRate }, random: seededRandom(7) });
    const created = await runAll();
    control.tick(1000);
    const suite = await (await api(`/v1/agents/tests/suite-runs/${created.suite_run.id}`)).json();
    expect(suite.runs.length).toBeGreaterThan(0);
    if (failRate === 0) expect(suite.runs.every((r: { verdict: string }) => r.verdict === 'passed')).toBe(true);
    else
      expect(
        suite.runs.every((r: { status: string; verdict: string }) => r.status === 'failed' || r.verdict === 'failed'),
      ).toBe(true);
    expect(
      suite.status === status || (failRate === 1 && suite.status === 'completed' && suite.verdict === 'failed'),
    ).toBe(true);
  });

  it('workers: false leaves new runs pending whatever the time; control.advance moves them', async () => {
    const { control } = mock({ workers: false });
    const created = await runAll();
    control.tick(3_600_000);
    const runId = created.runs[0].id as string;
    expect((await (await api(`/v1/agents/tests/runs/${runId}`)).json()).status).toBe('pending');
    expect(control.advance(runId, { to: 'running' }).status).toBe('running');
    expect(control.advance(runId, { to: 'completed', verdict: 'failed' }).verdict).toBe('failed');
    expect(() => control.advance(runId, { to: 'running' })).toThrow(SuiteRunControlError);
  });

  it("a real clock refuses tick, and runs move on the host's timers", async () => {
    const { control } = mock({ clock: 'real', workers: { pendingMs: 1, runningMs: 1, failRate: 0 } });
    expect(() => control.tick(1)).toThrow(/manual/);
    const created = await runAll();
    const read = async () => (await api(`/v1/agents/tests/suite-runs/${created.suite_run.id}`)).json();
    let suite = await read();
    for (let i = 0; i < 200 && suite.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      suite = await read();
    }
    expect(suite.status).toBe('completed');
  });

  it("the user's fixtures replace the bundled ones, checked as serve checks files", async () => {
    const one = structuredClone(workspacesFile) as typeof workspacesFile;
    one.workspaces = one.workspaces.slice(0, 1);
    one.workspaces[0]!.keys = [{ key: 'sk_test_mine' }];
    const suites = {
      suite_runs: suiteRunsFile.suite_runs
        .filter((s) => s.workspace === one.workspaces[0]!.id)
        .slice(0, 2)
        .map((s) => ({ ...s, parent_suite_run_id: null })),
    };
    mock({ fixtures: { workspaces: one, suiteRuns: suites } });
    expect((await api('/v1/agents/tests/suite-runs')).status).toBe(401);
    const mine = await (
      await fetch(`${BASE}/v1/agents/tests/suite-runs`, { headers: { Authorization: 'Bearer sk_test_mine' } })
    ).json();
    expect(mine.suite_runs.map((s: { id: string }) => s.id).sort()).toEqual(suites.suite_runs.map((s) => s.id).sort());

    const broken = {
      workspaces: one,
      testRuns: { test_runs: [{ ...testRunsFile.test_runs[0], workspace: 'nobody' }] },
    };
    expect(() => createSuiteRunHandlers({ baseUrl: BASE, fixtures: broken })).toThrow(
      /test-runs\.json: \/test_runs\/0\/workspace: no workspace "nobody"/,
    );
  });

  it("control.makeSuite and control.reset: the control interface in code, with the control spec's validation", async () => {
    const { control } = mock();
    const made = control.makeSuite({ children: [{ status: 'completed', verdict: 'failed' }, { status: 'cancelled' }] });
    expect(made.status).toBe('cancelled');
    expect((await (await api(`/v1/agents/tests/suite-runs/${made.id}`)).json()).id).toBe(made.id);
    expect(() => control.makeSuite({ children: [] })).toThrow(
      expect.objectContaining({ status: 400, code: 'validation_failed' }),
    );
    expect(() => control.makeSuite({ children: [{ status: 'pending' }] }, { apiKey: 'sk_test_revoked' })).toThrow(
      expect.objectContaining({ status: 401 }),
    );
    control.reset();
    expect((await api(`/v1/agents/tests/suite-runs/${made.id}`)).status).toBe(404);
  });

  it('an Idempotency-Key replays the first answer', async () => {
    mock();
    const first = await runAll({ 'Idempotency-Key': 'k1' });
    const again = await runAll({ 'Idempotency-Key': 'k1' });
    expect(again).toEqual(first);
  });

  it.each([
    [
      'an origin with a path',
      'https://api.suiterun.test/base',
      'https://api.suiterun.test/base',
      ['https://api.suiterun.test', 'https://other.test/base'],
    ],
    [
      'a path alone (any origin outside a browser)',
      '/base',
      'https://anywhere.test/base',
      ['https://anywhere.test/elsewhere'],
    ],
  ])('baseUrl as %s: answers below it, and leaves everything else alone', async (_name, baseUrl, serves, ignores) => {
    server.use(...createSuiteRunHandlers({ baseUrl }).handlers);
    expect((await fetch(`${serves}/v1/agents/tests/suite-runs`, { headers: KEY })).status).toBe(200);
    expect((await fetch(`${serves}/v1/nothing`, { headers: KEY })).status).toBe(404);
    // Unhandled: onUnhandledRequest "error" makes msw reject the fetch (and say so on stderr).
    for (const other of ignores)
      await expect(fetch(`${other}/v1/agents/tests/suite-runs`, { headers: KEY })).rejects.toThrow();
  });
});
