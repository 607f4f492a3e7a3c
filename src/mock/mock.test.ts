import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Contract } from '../contract/index.ts';
import { startMock, type RunningMock } from './index.ts';

const SUITE_PATH = '/v1/agents/tests/suite-runs/srun_01M6DV75802M85PKDPH32A4F0R';
const auth = { Authorization: 'Bearer sk_test_alpha' };

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { headers: { ...auth, ...headers } });
  return { status: response.status, body: await response.json() };
}

/** Every key of `value` must be a property the schema names: the mock invents nothing. */
function undeclaredKeys(value: unknown, schema: any, path = ''): string[] {
  if (value === null || typeof value !== 'object' || !schema) return [];
  const options = [schema, ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (Array.isArray(value)) {
    const items = options.find((s) => s.items)?.items;
    return value.flatMap((item, i) => undeclaredKeys(item, items, `${path}[${i}]`));
  }
  const withProperties = options.find((s) => s.properties);
  if (!withProperties || withProperties.additionalProperties) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key in withProperties.properties ? undeclaredKeys(child, withProperties.properties[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}

describe('suiterun-kit mock (Prism on the spec)', () => {
  let contract: Contract;
  let staticMock: RunningMock;
  beforeAll(async () => {
    contract = await loadContract();
    staticMock = await startMock({ port: 0 });
  });
  afterAll(async () => {
    await staticMock?.close();
  });

  it('serves the first named example of an operation by default, valid against its schema', async () => {
    const { status, body } = await getJson(staticMock.url + SUITE_PATH);
    expect(status).toBe(200);
    expect(body.status).toBe('running');
    expect(contract.validateResponse('getSuiteRun', 200, body)).toMatchObject({ ok: true });
  });

  it('serves a named example chosen with Prefer: example=NAME', async () => {
    const { status, body } = await getJson(staticMock.url + SUITE_PATH, { Prefer: 'example=cancelled' });
    expect(status).toBe(200);
    expect(body.status).toBe('cancelled');
  });

  it('serves the documented error envelope chosen with Prefer: code=404', async () => {
    const { status, body } = await getJson(staticMock.url + SUITE_PATH, { Prefer: 'code=404' });
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
    expect(contract.validateResponse('getSuiteRun', 404, body)).toMatchObject({ ok: true });
  });

  it('answers 401 with the envelope when no key is sent', async () => {
    const response = await fetch(staticMock.url + SUITE_PATH);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  });

  it('with --dynamic and a seed, answers the same on every start and invents no properties', async () => {
    const first = await startMock({ port: 0, dynamic: true, seed: '7' });
    const second = await startMock({ port: 0, dynamic: true, seed: '7' });
    try {
      const a = await getJson(first.url + SUITE_PATH);
      const b = await getJson(second.url + SUITE_PATH);
      expect(a.status).toBe(200);
      expect(a.body).toEqual(b.body);
      const schema = (contract.operation('getSuiteRun').responses.get('200')!.validate!.schema as object);
      expect(undeclaredKeys(a.body, schema)).toEqual([]);
      // The generated data is schema-shaped, not one of the named examples.
      expect(a.body.id).not.toBe('srun_01M6DV75802M85PKDPH32A4F0R');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
