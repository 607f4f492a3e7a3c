// The whole conformance catalogue against the MSW handlers (served over HTTP for the kit, the
// control interface mapped onto their control object): every check that passes against `serve`
// passes here too, check by check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerify, type VerifyReport } from '../conformance/index.ts';
import { createSuiteRunHandlers } from '../src/msw/index.ts';
import { startServer, type RunningServer } from '../src/server/index.ts';
import { serveMswOverHttp, type MswOverHttp } from './support/msw-over-http.ts';

const statuses = (report: VerifyReport) => Object.fromEntries(report.results.map((r) => [r.id, r.status]));

describe('the conformance kit against the MSW handlers', () => {
  let reference: RunningServer;
  let mocked: MswOverHttp;
  beforeAll(async () => {
    reference = await startServer({ control: true, clock: 'manual' });
    // The handlers answer on the port's own URL. No workers (as serve --clock manual): only the kit's
    // control calls move runs; the clock is the host's, as serve's is.
    const base = 'http://127.0.0.1';
    const made = createSuiteRunHandlers({ baseUrl: base, clock: 'real', workers: false });
    mocked = await serveMswOverHttp(made, base);
  });
  afterAll(async () => {
    await Promise.all([reference.close(), mocked?.close()]);
  });

  it('every check that passes against serve passes against the handlers (control profile, the whole catalogue)', async () => {
    const seed = 20261201;
    const [againstServe, againstMsw] = [await runVerify({ target: reference.url, seed, runs: 20 }), await runVerify({ target: mocked.url, seed, runs: 20 })];
    expect(againstMsw.profile).toBe('control');
    const serveStatuses = statuses(againstServe);
    const mswStatuses = statuses(againstMsw);
    expect(Object.keys(mswStatuses).sort()).toEqual(Object.keys(serveStatuses).sort());
    const passedOnServe = Object.keys(serveStatuses).filter((id) => serveStatuses[id] === 'passed');
    expect(passedOnServe.length).toBeGreaterThanOrEqual(50);
    const differing = passedOnServe
      .filter((id) => mswStatuses[id] !== 'passed')
      .map((id) => `${id}: ${mswStatuses[id]}: ${againstMsw.results.find((r) => r.id === id)?.failure?.message ?? againstMsw.results.find((r) => r.id === id)?.reason ?? ''}`);
    expect(differing).toEqual([]);
    expect(againstMsw.outcome, againstMsw.reason).toBe('passed');
    expect(againstMsw.requests).toBeGreaterThan(500);
    // Two whole catalogue runs on a shared 2-core machine: a generous timeout, not a speed claim.
  }, 600_000);
});
