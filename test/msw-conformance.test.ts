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
    const [againstServe, againstMsw] = [
      await runVerify({ target: reference.url, seed, runs: 20 }),
      await runVerify({ target: mocked.url, seed, runs: 20 }),
    ];
    expect(againstMsw.profile).toBe('control');
    const serveStatuses = statuses(againstServe);
    const mswStatuses = statuses(againstMsw);
    expect(Object.keys(mswStatuses).sort()).toEqual(Object.keys(serveStatuses).sort());
    const passedOnServe = Object.keys(serveStatuses).filter((id) => serveStatuses[id] === 'passed');
    expect(passedOnServe.length).toBeGreaterThanOrEqual(50);
    const differing = passedOnServe
      .filter((id) => mswStatuses[id] !== 'passed')
      .map(
        (id) =>
          `${id}: ${mswStatuses[id]}: ${againstMsw.results.find((r) => r.id === id)?.failure?.message ?? againstMsw.results.find((r) => r.id === id)?.reason ?? ''}`,
      );
    expect(differing).toEqual([]);
    expect(againstMsw.outcome, againstMsw.reason).toBe('passed');
    expect(againstMsw.requests).toBeGreaterThan(500);
    // Two whole catalogue runs on a shared 2-core machine: a generous timeout, not a speed claim.
  }, 600_000);

  // Requests the kit's catalogue sends rarely or never: both answer the same status, code and Allow.
  it.each<[string, string, Record<string, string>, string | undefined]>([
    ['POST', '/v1/agents/tests/runs/batch', { 'Content-Type': 'text/plain' }, '{}'],
    ['POST', '/v1/agents/tests/runs/batch', { 'Content-Type': 'application/json' }, '{"entries": ['],
    ['POST', '/v1/agents/tests/runs/batch', { 'Content-Type': 'application/json' }, '"entries"'],
    ['POST', '/v1/agents/tests/runs/batch', { 'Content-Type': 'application/json; charset=latin1' }, '{}'],
    [
      'POST',
      '/v1/agents/tests/runs/batch',
      { 'Content-Type': 'application/json' },
      `${'['.repeat(40)}${']'.repeat(40)}`,
    ],
    ['POST', '/v1/agents/tests/runs/batch', { 'Content-Type': 'application/vnd.api+json' }, '{"entries":[]}'],
    [
      'POST',
      '/v1/agents/tests/runs/batch',
      { 'Content-Type': 'application/json' },
      JSON.stringify({ entries: [{ test_id: 'x'.repeat(1_100_000) }] }),
    ],
    ['GET', '/v1/agents/tests/suite-runs?limit=0', {}, undefined],
    ['GET', '/v1/agents/tests/suite-runs?limit=1&limit=2', {}, undefined],
    ['GET', '/v1/agents/tests/suite-runs?cursor=bm9wZQ', {}, undefined],
    ['GET', '/v1/agents/tests/suite-runs', { 'Speechify-Version': '2026-02-30' }, undefined],
    ['DELETE', '/v1/agents/tests/suite-runs', {}, undefined],
    ['PUT', '/v1/agents/tests/runs/batch', {}, undefined],
    ['GET', '/v1/agents/tests/suite-runs/srun_01M6DV75802M85PKDPH32A4F0r', {}, undefined],
    ['GET', '/v1/agents/tests/runs/%E0%A4%A', {}, undefined],
    [
      'POST',
      '/v1/agents/tests/test_01M6B1YQ00AAAAAAAAAAAAAAAA/runs',
      { 'Content-Type': 'application/json', 'Idempotency-Key': '' },
      '{}',
    ],
    ['GET', '/v1', {}, undefined],
  ])('%s %s %j: the same answer as serve', async (method, path, headers, body) => {
    const send = async (base: string) => {
      const answer = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: 'Bearer sk_test_alpha', ...headers },
        ...(body !== undefined ? { body } : {}),
      });
      const json = (await answer.json()) as { error?: { code?: string } };
      return {
        status: answer.status,
        code: json.error?.code,
        allow: answer.headers.get('allow'),
        requestId: /^req_/.test(answer.headers.get('speechify-request-id') ?? ''),
      };
    };
    expect(await send(mocked.url)).toEqual(await send(reference.url));
  });
});
