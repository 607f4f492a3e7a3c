// Each fault changes the behaviour its name says: the same scenario is run on a correct server
// and on a server with the fault, and the two observations are compared. (That the kit catches
// each fault, on the rule it breaks, is test/conformance-proof.test.ts with fault-table.ts.)
import { describe, expect, it } from 'vitest';
import {
  BRAVO,
  makeSuite,
  startTestServer,
  SUITES,
  useTestServer,
  type TestServer,
} from '../../../test/support/server.ts';
import { isId } from '../../ids/index.ts';
import { loadFixtures } from '../../store/fixtures.ts';
import { createManualClock } from '../clock.ts';
import { FAULTS, faultWarning, parseFaults, type FaultName } from './index.ts';

type Clock = ReturnType<typeof createManualClock>;
interface Scenario {
  run(api: TestServer, clock: Clock): Promise<unknown>;
  correct: unknown;
  broken: unknown;
}

const fixtures = loadFixtures();
const alpha = fixtures.workspaces.find((w) => w.id === 'alpha')!;
const agentId = alpha.agents.find((a) => alpha.tests.some((t) => t.agent_id === a.id))!.id;
const noCheck = { validate: false } as const;
const cancel = (api: TestServer, id: string) => api.post(`${SUITES}/${id}/cancel`, undefined, noCheck);
const runAll = (api: TestServer, headers: Record<string, string> = {}) =>
  api.post(`/v1/agents/${agentId}/tests/runs`, {}, { ...noCheck, headers });

const SCENARIOS: Record<FaultName, Scenario> = {
  'cancel-touches-terminal': {
    async run(api, clock) {
      const suite = await makeSuite(api, [{ status: 'running' }, { status: 'completed', verdict: 'passed' }]);
      clock.advance(1_000);
      return (await cancel(api, suite.id)).body.runs[1].ended_at === suite.runs[1].ended_at;
    },
    correct: true,
    broken: false,
  },
  'cancel-skips-running': {
    async run(api) {
      const suite = await makeSuite(api, [{ status: 'running' }, { status: 'pending' }]);
      return (await cancel(api, suite.id)).body.runs.map((r: any) => r.status);
    },
    correct: ['cancelled', 'cancelled'],
    broken: ['running', 'cancelled'],
  },
  'cancel-completed-suite': {
    async run(api) {
      const suite = await makeSuite(api, [{ status: 'completed', verdict: 'passed' }]);
      return (await cancel(api, suite.id)).body.status;
    },
    correct: 'completed',
    broken: 'cancelled',
  },
  'recancel-moves-ended-at': {
    async run(api, clock) {
      const suite = await makeSuite(api, [{ status: 'running' }]);
      const first = await cancel(api, suite.id);
      clock.advance(5_000);
      return (await cancel(api, suite.id)).body.runs[0].ended_at === first.body.runs[0].ended_at;
    },
    correct: true,
    broken: false,
  },
  'status-ignores-cancelled': {
    async run(api) {
      return (await makeSuite(api, [{ status: 'completed', verdict: 'passed' }, { status: 'cancelled' }])).status;
    },
    correct: 'cancelled',
    broken: 'completed',
  },
  'results-count-failed-runs': {
    async run(api) {
      return (await makeSuite(api, [{ status: 'completed', verdict: 'passed' }, { status: 'failed' }])).results;
    },
    correct: { passed: 1, failed: 0 },
    broken: { passed: 1, failed: 1 },
  },
  'verdict-on-unfinished': {
    async run(api) {
      return (await makeSuite(api, [{ status: 'running' }, { status: 'completed', verdict: 'passed' }])).verdict;
    },
    correct: null,
    broken: 'passed',
  },
  'ended-at-earliest': {
    async run(api, clock) {
      const suite = await makeSuite(api, [{ status: 'running' }, { status: 'running' }]);
      clock.advance(1_000);
      await api.post(`/_control/runs/${suite.runs[0].id}/advance`, { to: 'failed' }, noCheck);
      clock.advance(1_000);
      const last = await api.post(`/_control/runs/${suite.runs[1].id}/advance`, { to: 'failed' }, noCheck);
      return (await api.get(`${SUITES}/${suite.id}`, noCheck)).body.ended_at === last.body.ended_at;
    },
    correct: true,
    broken: false,
  },
  'lookup-before-auth': {
    async run(api) {
      return (await api.get(`${SUITES}/srun_01M8K8GPM08W042RDZFZYH1S00`, { ...noCheck, key: null })).status;
    },
    correct: 401,
    broken: 404,
  },
  'any-bearer-accepted': {
    async run(api) {
      return (await api.get(SUITES, { ...noCheck, key: 'sk_made_up' })).status;
    },
    correct: 401,
    broken: 200,
  },
  'tenancy-403': {
    async run(api) {
      const suite = await makeSuite(api, [{ status: 'pending' }]);
      const answer = await api.get(`${SUITES}/${suite.id}`, { ...noCheck, key: BRAVO });
      return [answer.status, answer.body.error.code, typeof answer.body.request_id];
    },
    correct: [404, 'not_found', 'string'],
    broken: [403, 'forbidden', 'string'],
  },
  'tenancy-leak': {
    async run(api) {
      const suite = await makeSuite(api, [{ status: 'pending' }]);
      const answer = await api.get(`${SUITES}/${suite.id}`, { ...noCheck, key: BRAVO });
      return [answer.status, answer.body.id === suite.id];
    },
    correct: [404, false],
    broken: [200, true],
  },
  'malformed-id-500': {
    async run(api) {
      return (await api.get(`${SUITES}/srun_lower`, noCheck)).status;
    },
    correct: 404,
    broken: 500,
  },
  'lowercase-ids': {
    async run(api) {
      const id: string = (await runAll(api)).body.suite_run.id;
      return [isId(id, 'srun'), id.slice(5) === id.slice(5).toLowerCase()];
    },
    correct: [true, false],
    broken: [false, true],
  },
  'short-ids': {
    async run(api) {
      return (await runAll(api)).body.runs[0].id.length - 'run_'.length;
    },
    correct: 26,
    broken: 25,
  },
  'cancel-answers-stale': {
    async run(api) {
      const suite = await makeSuite(api, [{ status: 'running' }]);
      return (await cancel(api, suite.id)).body.status;
    },
    correct: 'cancelled',
    broken: 'running',
  },
  'idempotency-key-ignored': {
    async run(api) {
      const headers = { 'idempotency-key': `k-${Math.random()}` };
      const first = (await runAll(api, headers)).body.suite_run.id;
      const replayed = (await runAll(api, headers)).body.suite_run.id;
      return first === replayed;
    },
    correct: true,
    broken: false,
  },
  'resubmit-reruns-passed': {
    async run(api) {
      const parent = await makeSuite(api, [{ status: 'completed', verdict: 'passed' }, { status: 'failed' }]);
      return (await api.post(`${SUITES}/${parent.id}/resubmit`, undefined, noCheck)).body.total;
    },
    correct: 1,
    broken: 2,
  },
};

const correctClock = createManualClock(Date.parse('2026-11-30T12:00:00.000Z'));
const correct = useTestServer({ timeSource: correctClock, expectChecked: false });

describe('faults', () => {
  it('are exactly the named list of the brief, each with a description', () => {
    expect(Object.keys(FAULTS).sort()).toEqual(Object.keys(SCENARIOS).sort());
    for (const description of Object.values(FAULTS)) expect(description.length).toBeGreaterThan(10);
  });

  it('unknown names are reported, known ones accepted', () => {
    expect(parseFaults(['short-ids', 'no-such-fault'])).toEqual({ unknown: ['no-such-fault'] });
    expect(parseFaults(['short-ids'])).toEqual({ ok: new Set(['short-ids']) });
  });

  it('the warning names every fault that is on', () => {
    const warning = faultWarning(new Set<FaultName>(['short-ids', 'tenancy-leak']));
    expect(warning).toMatch(/FAULT INJECTION ON/);
    expect(warning).toMatch(/short-ids/);
    expect(warning).toMatch(/tenancy-leak/);
  });

  it.each(Object.keys(SCENARIOS) as FaultName[])('%s changes the behaviour it names', async (fault) => {
    const scenario = SCENARIOS[fault];
    expect(await scenario.run(correct, correctClock)).toEqual(scenario.correct);
    const clock = createManualClock(Date.parse('2026-11-30T12:00:00.000Z'));
    const broken = await startTestServer({ faults: [fault], timeSource: clock });
    try {
      expect(await scenario.run(broken, clock)).toEqual(scenario.broken);
    } finally {
      await broken.close();
    }
  });
});
