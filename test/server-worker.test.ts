// `clock: 'real'` over HTTP: a Run All progresses to a terminal state by itself; fixture runs
// and cancelled runs do not move. "Does not move" is judged only once the workers are shown to
// have acted: a witness suite started after the one watched has reached a terminal state.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { deriveSuite } from '../src/domain/derive.ts';
import { loadFixtures } from '../src/store/fixtures.ts';
import { expectDerivedConsistent, SUITES, useTestServer, type TestServer } from './support/server.ts';

const api = useTestServer({ clock: 'real', workerTiming: { pendingMs: 5, runningMs: 10, failRate: 0.5 } });
/** Workers without jitter: every run waits exactly pendingMs, then runningMs, so timers set later fire later. */
const steady = useTestServer({
  clock: 'real',
  workerTiming: { pendingMs: 5, runningMs: 10, failRate: 0 },
  random: () => 0.5,
  expectChecked: false,
});
const fixtures = loadFixtures();
const alpha = fixtures.workspaces.find((w) => w.id === 'alpha')!;
const agent = alpha.agents.find((a) => alpha.tests.some((t) => t.agent_id === a.id))!;
const runningFixture = fixtures.suiteRuns.find(
  (s) => s.workspace === 'alpha' && deriveSuite(s.suite.runs).status === 'running',
)!.suite;

async function untilTerminal(id: string, on: TestServer = api): Promise<any> {
  const seen = new Set<string>();
  for (let i = 0; i < 400; i += 1) {
    const read = await on.get(`${SUITES}/${id}`);
    expectDerivedConsistent(read.body);
    for (const run of read.body.runs) seen.add(run.status);
    if (read.body.status !== 'running') return { suite: read.body, seen };
    await sleep(10);
  }
  throw new Error(`suite ${id} never became terminal`);
}

describe('simulated workers over HTTP', () => {
  it('a Run All moves to a terminal state on its own, consistent at every read', async () => {
    const started = await api.post(`/v1/agents/${agent.id}/tests/runs`, {});
    expect(started.status).toBe(202);
    const { suite } = await untilTerminal(started.body.suite_run.id);
    expect(['completed', 'failed']).toContain(suite.status);
    for (const run of suite.runs) expect(['completed', 'failed']).toContain(run.status);
  });

  it('a suite cancelled at once stays cancelled after its timers fired', async () => {
    const started = await steady.post(`/v1/agents/${agent.id}/tests/runs`, {});
    const cancelled = await steady.post(`${SUITES}/${started.body.suite_run.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    // The witness's timers are set after the cancelled suite's, with the same delays: once the
    // witness has moved all the way, every timer of the cancelled suite has fired.
    const witness = await steady.post(`/v1/agents/${agent.id}/tests/runs`, {});
    const { suite, seen } = await untilTerminal(witness.body.suite_run.id, steady);
    expect(suite.status).toBe('completed');
    expect([...seen]).toContain('completed');
    expect((await steady.get(`${SUITES}/${started.body.suite_run.id}`)).body).toEqual(cancelled.body);
  });

  it('fixture runs are never moved by the workers, while the workers move a suite of their own', async () => {
    const before = await api.get(`${SUITES}/${runningFixture.id}`);
    expect(before.body.status).toBe('running');
    const witness = await api.post(`/v1/agents/${agent.id}/tests/runs`, {});
    const { suite } = await untilTerminal(witness.body.suite_run.id);
    expect(['completed', 'failed']).toContain(suite.status);
    expect((await api.get(`${SUITES}/${runningFixture.id}`)).body).toEqual(before.body);
  });
});
