// Cancel: of a suite (every child at one instant, terminal children untouched, terminal suite
// unchanged, answer equal to the next GET, concurrent cancels made once) and of one child.
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../src/server/clock.ts';
import { loadFixtures } from '../src/store/fixtures.ts';
import { deriveSuite } from '../src/domain/derive.ts';
import {
  BRAVO,
  EVERY_STATUS,
  expectDerivedConsistent,
  makeSuite,
  RUNS,
  SUITES,
  useTestServer,
} from './support/server.ts';

const clock = createManualClock(Date.parse('2026-11-30T12:00:00.000Z'));
const api = useTestServer({ timeSource: clock });
const fixtures = loadFixtures();

const cancel = (id: string) => api.post(`${SUITES}/${id}/cancel`);

describe('every fixture suite reads consistently', () => {
  it.each(
    fixtures.suiteRuns.map((s) => [s.workspace, s.suite.id, s.workspace === 'alpha' ? undefined : BRAVO] as const),
  )('%s %s', async (_ws, id, key) => {
    const answer = await api.get(`${SUITES}/${id}`, key ? { key } : {});
    expect(answer.status).toBe(200);
    expectDerivedConsistent(answer.body);
  });
});

describe('cancel a running suite', () => {
  it('cancels pending and running children at one instant, leaves terminal ones untouched, reads cancelled', async () => {
    const before = await makeSuite(api, EVERY_STATUS);
    clock.advance(60_000);
    const at = new Date(clock.now()).toISOString();
    const answer = await cancel(before.id);
    expect(answer.status).toBe(200);
    const after = answer.body;
    expect(after.status).toBe('cancelled');
    expect(after.runs.map((r: any) => r.id)).toEqual(before.runs.map((r: any) => r.id));
    before.runs.forEach((child: any, i: number) => {
      const next = after.runs[i];
      if (child.status === 'pending' || child.status === 'running') {
        expect(next).toEqual({ ...child, status: 'cancelled', ended_at: at, verdict: null, result: null });
      } else {
        expect(JSON.stringify(next)).toBe(JSON.stringify(child));
      }
    });
    expect(after.runs[0].started_at).toBeNull(); // cancelled while pending: never started
    expect(after.runs[1].started_at).toBe(before.runs[1].started_at);
    expectDerivedConsistent(after);
    expect(after.ended_at).toBe(at);
  });

  it('answers exactly what the next GET returns', async () => {
    const suite = await makeSuite(api, [{ status: 'running' }, { status: 'pending' }]);
    const answer = await cancel(suite.id);
    const read = await api.get(`${SUITES}/${suite.id}`);
    expect(read.body).toEqual(answer.body);
  });

  it('a second cancel, later, changes nothing', async () => {
    const suite = await makeSuite(api, EVERY_STATUS);
    const first = await cancel(suite.id);
    clock.advance(5_000);
    const second = await cancel(suite.id);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
  });

  it('concurrent cancels all answer the same final representation, and the change is made once', async () => {
    const suite = await makeSuite(api, [
      { status: 'running' },
      { status: 'pending' },
      { status: 'completed', verdict: 'passed' },
      { status: 'pending' },
    ]);
    clock.advance(1_000);
    const answers = await Promise.all(Array.from({ length: 12 }, () => cancel(suite.id)));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(answers[0]!.text);
    }
    const cancelledEnds = new Set(
      answers[0]!.body.runs.filter((r: any) => r.status === 'cancelled').map((r: any) => r.ended_at),
    );
    expect(cancelledEnds.size).toBe(1);
    expect((await api.get(`${SUITES}/${suite.id}`)).text).toBe(answers[0]!.text);
  });

  it('a worker finishing a child after the cancel changes nothing: cancel wins', async () => {
    const suite = await makeSuite(api, [{ status: 'running' }, { status: 'pending' }]);
    const cancelled = await cancel(suite.id);
    for (const child of suite.runs) {
      const move = await api.post(
        `/_control/runs/${child.id}/advance`,
        child.status === 'running' ? { to: 'completed', verdict: 'passed' } : { to: 'running' },
      );
      expect(move.status).toBe(409);
      expect(move.body.error.code).toBe('conflict');
    }
    expect((await api.get(`${SUITES}/${suite.id}`)).body).toEqual(cancelled.body);
  });
});

describe('cancel a terminal suite', () => {
  it.each<[string, unknown[]]>([
    [
      'completed (passed)',
      [
        { status: 'completed', verdict: 'passed' },
        { status: 'completed', verdict: 'passed' },
      ],
    ],
    [
      'completed (failed verdict)',
      [
        { status: 'completed', verdict: 'passed' },
        { status: 'completed', verdict: 'failed' },
      ],
    ],
    ['failed', [{ status: 'completed', verdict: 'passed' }, { status: 'failed' }]],
    ['cancelled', [{ status: 'cancelled' }, { status: 'completed', verdict: 'passed' }]],
  ])('%s: 200 with the representation unchanged', async (_name, children) => {
    const suite = await makeSuite(api, children);
    clock.advance(1_000);
    const answer = await cancel(suite.id);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(suite);
  });

  it.each(
    fixtures.suiteRuns
      .filter((s) => s.workspace === 'alpha' && deriveSuite(s.suite.runs).status !== 'running')
      .map((s) => [s.suite.id]),
  )('fixture %s is answered unchanged', async (id) => {
    const before = await api.get(`${SUITES}/${id}`);
    const answer = await cancel(id);
    expect(answer.body).toEqual(before.body);
  });
});

describe('cancel one child run', () => {
  it('cancels it and re-derives its suite', async () => {
    const suite = await makeSuite(api, [{ status: 'running' }, { status: 'completed', verdict: 'passed' }]);
    clock.advance(2_000);
    const answer = await api.post(`${RUNS}/${suite.runs[0].id}/cancel`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'cancelled',
      ended_at: new Date(clock.now()).toISOString(),
      verdict: null,
      result: null,
    });
    expect(answer.body.started_at).toBe(suite.runs[0].started_at);
    const read = await api.get(`${SUITES}/${suite.id}`);
    expect(read.body.status).toBe('cancelled');
    expect(read.body.cancelled).toBe(1);
    expectDerivedConsistent(read.body);
    expect((await api.get(`${RUNS}/${suite.runs[0].id}`)).body).toEqual(answer.body);
  });

  it('a terminal child is answered unchanged and its suite stays as it was', async () => {
    const suite = await makeSuite(api, [{ status: 'running' }, { status: 'completed', verdict: 'failed' }]);
    const child = await api.get(`${RUNS}/${suite.runs[1].id}`);
    const answer = await api.post(`${RUNS}/${suite.runs[1].id}/cancel`);
    expect(answer.body).toEqual(child.body);
    expect((await api.get(`${SUITES}/${suite.id}`)).body).toEqual(suite);
  });

  it('a run started on its own is cancelled the same way', async () => {
    const test = fixtures.workspaces[0]!.tests[0]!;
    const started = await api.post(`/v1/agents/tests/${test.id}/runs`, {});
    const answer = await api.post(`${RUNS}/${started.body.id}/cancel`);
    expect(answer.body).toEqual({
      ...started.body,
      status: 'cancelled',
      ended_at: new Date(clock.now()).toISOString(),
    });
  });
});
