// Authentication decided before anything else, Speechify-Version, Speechify-Request-Id.
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../src/store/fixtures.ts';
import { ALPHA, BRAVO, REVOKED, RUNS, SUITES, useTestServer } from './support/server.ts';

const api = useTestServer();
const fixtures = loadFixtures();
const alphaSuite = fixtures.suiteRuns.find((s) => s.workspace === 'alpha')!.suite.id;

describe('401 for every way of not having a valid key', () => {
  it.each<[string, { key?: string | null; authorization?: string }]>([
    ['no Authorization header', { key: null }],
    ['an empty header', { authorization: '' }],
    ['another scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['the key without a scheme', { authorization: ALPHA }],
    ['Bearer without a key', { authorization: 'Bearer' }],
    ['Bearer and spaces only', { authorization: 'Bearer   ' }],
    ['two tokens after Bearer', { authorization: `Bearer ${ALPHA} extra` }],
    ['an unknown key', { key: 'sk_test_nobody' }],
    ['a revoked key', { key: REVOKED }],
    ['a prefix of a valid key', { key: ALPHA.slice(0, -1) }],
    ['a valid key with a suffix', { key: `${ALPHA}x` }],
  ])('%s', async (_name, options) => {
    const answer = await api.get(SUITES, options);
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('unauthorized');
    expect(answer.headers['www-authenticate']).toBe('Bearer');
  });

  it.each(['bearer', 'BEARER', 'BeArEr'])('the scheme word %s is accepted (case-insensitive)', async (scheme) => {
    const answer = await api.get(SUITES, { authorization: `${scheme} ${ALPHA}` });
    expect(answer.status).toBe(200);
  });
});

describe('authentication comes before any lookup', () => {
  it.each<[string, string, string, unknown?]>([
    ['an existing suite', 'GET', `${SUITES}/${alphaSuite}`],
    ['an unknown suite', 'GET', `${SUITES}/srun_01M8K8GPM08W042RDZFZYH1S99`],
    ['a malformed id', 'GET', `${SUITES}/not-an-id`],
    ['an unknown route', 'GET', '/v2/whatever'],
    ['a wrong method', 'DELETE', SUITES],
    ['a bad body', 'POST', `${RUNS}/batch`, { entries: 'nope' }],
    ['the control interface', 'POST', '/_control/reset'],
  ])('%s answers 401 without a key', async (_name, method, path, body) => {
    const answer = await api.call(method, path, { key: null, ...(body !== undefined ? { body } : {}) });
    expect(answer.status).toBe(401);
  });

  it('a bad Speechify-Version without a key is 401, not 400', async () => {
    const answer = await api.get(SUITES, { key: null, headers: { 'speechify-version': 'yesterday' } });
    expect(answer.status).toBe(401);
  });

  it('a body too large without a key is 401, not 413', async () => {
    const answer = await api.call('POST', `${RUNS}/batch`, { key: null, raw: 'x'.repeat(1_100_000) });
    expect(answer.status).toBe(401);
  });

  it('each key sees its own workspace', async () => {
    const alpha = await api.get(SUITES, { key: ALPHA });
    const bravo = await api.get(SUITES, { key: BRAVO });
    const alphaIds = new Set(alpha.body.suite_runs.map((s: { id: string }) => s.id));
    expect(bravo.body.suite_runs.some((s: { id: string }) => alphaIds.has(s.id))).toBe(false);
  });
});

describe('Speechify-Version', () => {
  it.each([
    '2026-11-01',
    '2024-02-29',
    '1999-12-31',
    '0009-01-21',
    '0000-01-01',
    '0000-02-29',
    '0004-02-29',
    '0099-12-31',
    '0400-02-29',
    '9999-12-31',
  ])('accepts the calendar date %s', async (version) => {
    expect((await api.get(SUITES, { headers: { 'speechify-version': version } })).status).toBe(200);
  });

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-1-01',
    '20261101',
    'latest',
    '',
    '2026-11-01T00:00:00Z',
    '7381-58-57',
    '0100-02-29',
    '0001-02-29',
    '0009-02-29',
    '0000-00-00',
    '0050-04-31',
  ])('refuses %j with 400 invalid_api_version', async (version) => {
    const answer = await api.get(SUITES, { headers: { 'speechify-version': version } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_api_version');
  });
});

describe('Speechify-Request-Id', () => {
  it('is on every answer, fresh each time, and repeated in error bodies', async () => {
    const answers = await Promise.all([
      api.get(SUITES),
      api.get(SUITES),
      api.get('/nope'),
      api.get(SUITES, { key: null }),
    ]);
    const ids = answers.map((a) => a.headers['speechify-request-id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(answers[2]!.body.request_id).toBe(ids[2]);
    expect(answers[3]!.body.request_id).toBe(ids[3]);
  });
});
