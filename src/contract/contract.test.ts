import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_SPEC_PATH, fieldPath, loadContract, type Contract } from './index.ts';

const SUITE_ID = 'srun_01M6DV7580JHH3VXH3J1Z0NDTA';
const TEST_ID = 'test_01M6DQSAK873BGZEDJGKDRM7ZJ';

let contract: Contract;
let control: Contract;
beforeAll(async () => {
  contract = await loadContract();
  control = await loadContract(CONTROL_SPEC_PATH);
});

describe('operations', () => {
  it('the public spec has the ten operations of CONTRACT.md, the control spec its three', () => {
    expect(contract.operations.map((o) => `${o.method.toUpperCase()} ${o.path} ${o.operationId}`).sort()).toEqual(
      [
        'GET /v1/agents/tests/runs/{test_run_id} getTestRun',
        'GET /v1/agents/tests/suite-runs listSuiteRuns',
        'GET /v1/agents/tests/suite-runs/{suite_run_id} getSuiteRun',
        'GET /v1/agents/tests/{test_id}/runs listTestRuns',
        'POST /v1/agents/tests/runs/batch runTestsBatch',
        'POST /v1/agents/tests/runs/{test_run_id}/cancel cancelTestRun',
        'POST /v1/agents/tests/suite-runs/{suite_run_id}/cancel cancelSuiteRun',
        'POST /v1/agents/tests/suite-runs/{suite_run_id}/resubmit resubmitSuiteRun',
        'POST /v1/agents/tests/{test_id}/runs runTest',
        'POST /v1/agents/{agent_id}/tests/runs runAllTests',
      ].sort(),
    );
    expect(control.operations.map((o) => o.operationId).sort()).toEqual([
      'controlAdvanceRun',
      'controlCreateSuiteRun',
      'controlReset',
    ]);
  });

  it('operation() throws on an unknown operationId', () => {
    expect(() => contract.operation('deleteSuiteRun')).toThrow(/unknown operationId/);
  });
});

describe('match', () => {
  it.each([
    ['GET', `/v1/agents/tests/suite-runs/${SUITE_ID}`, 'getSuiteRun', { suite_run_id: SUITE_ID }],
    ['post', `/v1/agents/tests/suite-runs/${SUITE_ID}/cancel`, 'cancelSuiteRun', { suite_run_id: SUITE_ID }],
    ['POST', '/v1/agents/tests/runs/batch', 'runTestsBatch', {}],
    ['GET', `/v1/agents/tests/${TEST_ID}/runs`, 'listTestRuns', { test_id: TEST_ID }],
    ['POST', '/v1/agents/agent_x/tests/runs', 'runAllTests', { agent_id: 'agent_x' }],
    ['GET', '/v1/agents/tests/suite-runs/srun_lower%2Fslash', 'getSuiteRun', { suite_run_id: 'srun_lower%2Fslash' }],
  ])('%s %s is %s', (method, path, operationId, params) => {
    expect(contract.match(method, path)).toMatchObject({ operation: { operationId }, params });
  });

  it.each([
    ['DELETE', `/v1/agents/tests/suite-runs/${SUITE_ID}`],
    ['GET', '/v1/agents/tests/suite-runs/a/b'],
    ['GET', '/v2/agents/tests/suite-runs'],
    ['GET', '/v1/agents/tests/suite-runs/'],
  ])('%s %s matches no operation', (method, path) => {
    expect(contract.match(method, path)).toBeUndefined();
  });

  it('resolve: a known path with another method is a 405 naming what the spec documents, an unknown path nothing', () => {
    expect(contract.resolve('DELETE', `/v1/agents/tests/suite-runs/${SUITE_ID}`)).toEqual({
      kind: 'wrong-method',
      allowed: ['GET'],
    });
    const both = contract.resolve('PUT', `/v1/agents/tests/${TEST_ID}/runs`);
    expect(both.kind === 'wrong-method' && both.allowed.sort()).toEqual(['GET', 'POST']);
    // Static segments win: GET of the batch path is the batch route with the wrong method, not a test run "batch".
    expect(contract.resolve('GET', '/v1/agents/tests/runs/batch')).toEqual({ kind: 'wrong-method', allowed: ['POST'] });
    expect(contract.match('GET', '/v1/agents/tests/runs/batch')).toBeUndefined();
    expect(contract.resolve('GET', '/nowhere')).toEqual({ kind: 'no-route' });
  });
});

describe('validateBody', () => {
  it('accepts a good batch and names the offending entry of a bad one', () => {
    expect(contract.validateBody('runTestsBatch', { entries: [{ test_id: TEST_ID }] })).toEqual({ ok: true });
    const verdict = contract.validateBody('runTestsBatch', {
      entries: [{ test_id: TEST_ID }, { test_id: 'test_lower' }, {}],
    });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.problems.map((p) => fieldPath(p.path)).sort()).toEqual(['entries[1].test_id', 'entries[2].test_id']);
  });

  it('refuses a missing body, an empty batch and a batch of 101', () => {
    expect(contract.validateBody('runTestsBatch', undefined).ok).toBe(false);
    expect(contract.validateBody('runTestsBatch', { entries: [] })).toMatchObject({
      ok: false,
      problems: [{ path: '/entries' }],
    });
    const entries = Array.from({ length: 101 }, () => ({ test_id: TEST_ID }));
    expect(contract.validateBody('runTestsBatch', { entries })).toMatchObject({
      ok: false,
      problems: [{ path: '/entries' }],
    });
  });

  it('an operation without a body schema accepts anything', () => {
    expect(contract.validateBody('getSuiteRun', { anything: true })).toEqual({ ok: true });
  });

  it('names an unexpected property of a closed object (control spec)', () => {
    const verdict = control.validateBody('controlCreateSuiteRun', { children: [{ status: 'pending' }], colour: 'red' });
    expect(verdict).toMatchObject({ ok: false, problems: [{ path: '/colour' }] });
    expect(control.validateBody('controlCreateSuiteRun', { children: [] }).ok).toBe(false);
    expect(control.validateBody('controlAdvanceRun', { to: 'cancelled' }).ok).toBe(false);
    expect(control.validateBody('controlAdvanceRun', { to: 'completed', verdict: 'passed' })).toEqual({ ok: true });
  });
});

describe('validateQuery', () => {
  it.each([
    [{ limit: '10' }, { limit: 10 }],
    [{ limit: '1' }, { limit: 1 }],
    [{ limit: '200' }, { limit: 200 }],
    [{}, {}],
    [
      { agent_id: 'agent_x', cursor: 'abc' },
      { agent_id: 'agent_x', cursor: 'abc' },
    ],
  ])('accepts %j as %j', (query, value) => {
    expect(contract.validateQuery('listSuiteRuns', query)).toEqual({ ok: true, value });
  });

  it.each([
    [{ limit: '0' }],
    [{ limit: '201' }],
    [{ limit: '1e2' }],
    [{ limit: '10.5' }],
    [{ limit: '' }],
    [{ limit: 'ten' }],
    [{ limit: ['1', '2'] }],
  ])('refuses %j, naming limit', (query) => {
    expect(contract.validateQuery('listSuiteRuns', query)).toMatchObject({ ok: false, problems: [{ path: 'limit' }] });
  });
});

describe('validateResponse', () => {
  const suite = {
    id: SUITE_ID,
    trigger: 'run_all',
    status: 'running',
    total: 0,
    completed: 0,
    failed: 0,
    running: 0,
    pending: 0,
    cancelled: 0,
    results: { passed: 0, failed: 0 },
    created_at: '2026-11-02T10:00:00.000Z',
    runs: [],
  };

  it('checks an explicit status against its schema', () => {
    expect(contract.validateResponse('getSuiteRun', 200, suite)).toEqual({ ok: true, documented: 'explicit' });
    const bad = contract.validateResponse('getSuiteRun', 200, { ...suite, id: 'srun_1' });
    expect(bad).toMatchObject({ ok: false, documented: 'explicit', problems: [{ path: '/id' }] });
    expect(contract.validateResponse('getSuiteRun', 404, { error: { code: 'not_found', message: 'x' } })).toEqual({
      ok: true,
      documented: 'explicit',
    });
    expect(contract.validateResponse('getSuiteRun', 404, { error: { code: 'gone', message: 'x' } }).ok).toBe(false);
  });

  it('falls back to default, checking the body against the default schema', () => {
    expect(
      contract.validateResponse('getSuiteRun', 405, { error: { code: 'method_not_allowed', message: 'x' } }),
    ).toEqual({ ok: true, documented: 'default' });
    expect(control.validateResponse('controlReset', 500, {})).toMatchObject({ ok: false, documented: 'default' });
    expect(control.validateResponse('controlReset', 204, undefined)).toEqual({ ok: true, documented: 'explicit' });
  });

  it('refuses a status that an operation without default does not document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contract-'));
    try {
      const path = join(dir, 'tiny.yaml');
      await writeFile(
        path,
        'openapi: 3.1.0\ninfo: {title: tiny, version: "1"}\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        "204": {description: ok}\n',
      );
      const tiny = await loadContract(path);
      expect(tiny.validateResponse('ping', 204, undefined)).toEqual({ ok: true, documented: 'explicit' });
      expect(tiny.validateResponse('ping', 500, {})).toMatchObject({ ok: false, documented: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('schema and fieldPath', () => {
  it('schema(name) validates against a named component and throws on an unknown name', () => {
    expect(contract.schema('JobStatus')('cancelled')).toBe(true);
    expect(contract.schema('JobStatus')('paused')).toBe(false);
    expect(() => contract.schema('NoSuchSchema')).toThrow(/unknown schema/);
  });

  it.each([
    ['/entries/2/test_id', 'entries[2].test_id'],
    ['', ''],
    ['/entries', 'entries'],
    ['/children/0', 'children[0]'],
    ['/a~1b/c~0d', 'a/b.c~d'],
  ])('fieldPath(%j) is %j', (pointer, path) => {
    expect(fieldPath(pointer)).toBe(path);
  });
});
