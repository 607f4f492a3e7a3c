// The envelope on every non-2xx answer: unknown routes, wrong methods, malformed ids, bodies.
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../src/store/fixtures.ts';
import { RUNS, SUITES, useTestServer } from './support/server.ts';

const api = useTestServer();
const fixtures = loadFixtures();
const alpha = fixtures.workspaces.find((w) => w.id === 'alpha')!;
const agentWithTests = alpha.agents.find((a) => alpha.tests.some((t) => t.agent_id === a.id))!;
const aTest = alpha.tests[0]!;

describe('unknown routes and wrong methods', () => {
  it.each([
    '/',
    '/v1',
    '/v1/agents',
    '/v1/agents/tests/suite-runs/',
    '/v2/agents/tests/suite-runs',
    '/favicon.ico',
    '/_control/reset/extra',
  ])('%s is a 404 envelope', async (path) => {
    const answer = await api.get(path);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not_found');
  });

  it.each<[string, string, string]>([
    ['DELETE', SUITES, 'GET'],
    ['POST', SUITES, 'GET'],
    ['PUT', `${SUITES}/srun_01M8K8GPM08W042RDZFZYH1S42`, 'GET'],
    ['GET', `${SUITES}/srun_01M8K8GPM08W042RDZFZYH1S42/cancel`, 'POST'],
    ['GET', `${RUNS}/batch`, 'POST'],
    ['PATCH', `/v1/agents/tests/${aTest.id}/runs`, 'GET, POST'],
    ['GET', '/_control/reset', 'POST'],
  ])('%s %s is a 405 with Allow: %s', async (method, path, allow) => {
    const answer = await api.call(method, path);
    expect(answer.status).toBe(405);
    expect(answer.body.error.code).toBe('method_not_allowed');
    expect(answer.headers.allow!.split(', ').sort()).toEqual(allow.split(', ').sort());
  });
});

describe('a path id not exactly of its form is 404 not_found', () => {
  const good = 'srun_01M8K8GPM08W042RDZFZYH1S42';
  const malformed: [string, string][] = [
    ['lower case', good.toLowerCase()],
    ['lower-case body only', `srun_${good.slice(5).toLowerCase()}`],
    ['an I', `srun_01M8K8GPM08W042RDZFZYH1SI2`],
    ['an L', `srun_01M8K8GPM08W042RDZFZYH1SL2`],
    ['an O', `srun_01M8K8GPM08W042RDZFZYH1SO2`],
    ['a U', `srun_01M8K8GPM08W042RDZFZYH1SU2`],
    ['25 characters', good.slice(0, -1)],
    ['27 characters', `${good}2`],
    ['the wrong prefix', `run_${good.slice(5)}`],
    ['no prefix', good.slice(5)],
    ['a UUID', '3f2b8c1e-9a4d-4c1b-8f3e-2d7a6b5c4e3f'],
    ['an encoded slash', `${good.slice(0, 10)}%2F${good.slice(10)}`],
    ['a dot segment', '..'],
    ['an encoded dot segment', '%2E%2E'],
    ['bad percent-encoding', '%E0%A4%A'],
    ['a unicode look-alike (Arabic-Indic two)', `srun_01M8K8GPM08W042RDZFZYH1S4${encodeURIComponent('\u0662')}`],
  ];

  it.each(malformed)('%s on GET suite run', async (_name, id) => {
    const answer = await api.get(`${SUITES}/${id}`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not_found');
  });

  it.each<[string, string, string]>([
    ['cancel suite run', 'POST', `${SUITES}/{id}/cancel`],
    ['resubmit suite run', 'POST', `${SUITES}/{id}/resubmit`],
    ['get test run', 'GET', `${RUNS}/{id}`],
    ['cancel test run', 'POST', `${RUNS}/{id}/cancel`],
    ['list test runs', 'GET', '/v1/agents/tests/{id}/runs'],
    ['run one test', 'POST', '/v1/agents/tests/{id}/runs'],
    ['run all', 'POST', '/v1/agents/{id}/tests/runs'],
    ['control advance', 'POST', '/_control/runs/{id}/advance'],
  ])('%s answers 404 for every malformed form', async (_name, method, template) => {
    for (const [, id] of malformed) {
      const answer = await api.call(
        method,
        template.replace('{id}', id),
        method === 'POST' ? { body: { to: 'running' } } : {},
      );
      expect(answer.status, `${id}: ${answer.text}`).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
  });
});

describe('request bodies', () => {
  const runAll = `/v1/agents/${agentWithTests.id}/tests/runs`;

  it('a body over 1 MB is 413 payload_too_large', async () => {
    const answer = await api.post(`${RUNS}/batch`, undefined, {
      raw: JSON.stringify({ entries: [], pad: 'x'.repeat(1_100_000) }),
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('payload_too_large');
  });

  it('a body just under 1 MB is read (and then validated)', async () => {
    const answer = await api.post(`${RUNS}/batch`, { entries: [], pad: 'x'.repeat(1_000_000) });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
  });

  it('malformed JSON is 400 bad_request', async () => {
    const answer = await api.post(`${RUNS}/batch`, undefined, { raw: '{"entries": [' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('bad_request');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'])(
    'a %s body is 415 unsupported_media_type',
    async (contentType) => {
      const answer = await api.post(`${RUNS}/batch`, undefined, { raw: 'entries=1', contentType });
      expect(answer.status).toBe(415);
      expect(answer.body.error.code).toBe('unsupported_media_type');
    },
  );

  it('a body without a content type is 415', async () => {
    const answer = await api.post(`${RUNS}/batch`, undefined, { raw: '{}', headers: { 'content-type': '' } });
    expect(answer.status).toBe(415);
  });

  it('application/json with a charset parameter is accepted', async () => {
    const answer = await api.post(runAll, undefined, { raw: '{}', contentType: 'application/json; charset=utf-8' });
    expect(answer.status).toBe(202);
  });

  it('an optional body may be left out entirely (Run All, run one test)', async () => {
    expect((await api.call('POST', runAll)).status).toBe(202);
    expect((await api.call('POST', `/v1/agents/tests/${aTest.id}/runs`)).status).toBe(202);
  });

  it('a JSON body of the wrong shape is 400 validation_failed naming the field', async () => {
    const answer = await api.post(`${RUNS}/batch`, { entries: [{ test_id: aTest.id }, { test_id: 'test_nope' }] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(Object.keys(answer.body.error.fields)).toEqual(['entries[1].test_id']);
  });

  it('a JSON array where an object is expected is 400 validation_failed', async () => {
    const answer = await api.post(runAll, [1, 2]);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
  });

  it('an Idempotency-Key over 255 characters is 400 validation_failed', async () => {
    const answer = await api.post(runAll, {}, { headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toHaveProperty('Idempotency-Key');
  });

  it('a control call with a required body missing is 400 validation_failed', async () => {
    const answer = await api.call('POST', '/_control/suite-runs');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
  });
});
