import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Contract } from '../contract/index.ts';
import { startMock, type RunningMock } from './index.ts';

const SUITE_PATH = '/v1/agents/tests/suite-runs/srun_01M6DV75802M85PKDPH32A4F0R';
const auth = { Authorization: 'Bearer sk_test_alpha' };

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { headers: { ...auth, ...headers } });
  return { status: response.status, body: await response.json() };
}

const REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;
const BATCH_PATH = '/v1/agents/tests/runs/batch';
const LIST_PATH = '/v1/agents/tests/suite-runs';

interface Exchange {
  status: number;
  headers: Headers;
  body: any;
}

async function call(url: string, init: RequestInit = {}): Promise<Exchange> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}

/** The contract's error answer: this status and code, JSON, and the header's request id repeated in the body. */
function expectEnvelope(exchange: Exchange, status: number, code: string): void {
  expect({ status: exchange.status, code: exchange.body?.error?.code }).toEqual({ status, code });
  expect(exchange.headers.get('content-type')).toMatch(/^application\/json/);
  expect(exchange.headers.get('speechify-request-id')).toMatch(REQUEST_ID);
  expect(exchange.body.request_id).toBe(exchange.headers.get('speechify-request-id'));
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
    key in withProperties.properties
      ? undeclaredKeys(child, withProperties.properties[key], `${path}.${key}`)
      : [`${path}.${key}`],
  );
}

describe('suiterun-kit mock (Prism on the spec, behind its front)', () => {
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

  describe('wire basics, kept by the front ahead of Prism', () => {
    it('puts a fresh request id on every answer: 200, 404, 401 and 400 alike', async () => {
      const answers = [
        await call(staticMock.url + SUITE_PATH, { headers: auth }),
        await call(staticMock.url + SUITE_PATH, { headers: { ...auth, Prefer: 'code=404' } }),
        await call(`${staticMock.url}/v1/agents/tests/no-such-thing`, { headers: auth }),
        await call(staticMock.url + SUITE_PATH),
        await call(`${staticMock.url}${LIST_PATH}?limit=0`, { headers: auth }),
      ];
      const ids = answers.map((a) => a.headers.get('speechify-request-id'));
      for (const id of ids) expect(id).toMatch(REQUEST_ID);
      expect(new Set(ids).size).toBe(answers.length);
      // Error bodies repeat the header, never the spec example's placeholder id.
      for (const a of answers.slice(1)) expect(a.body.request_id).toBe(a.headers.get('speechify-request-id'));
    });

    it.each(['bearer', 'BEARER', 'BeArEr'])(
      'accepts the scheme word %s (RFC 7235: case-insensitive)',
      async (scheme) => {
        const answer = await call(staticMock.url + SUITE_PATH, {
          headers: { Authorization: `${scheme} sk_test_alpha` },
        });
        expect(answer.status).toBe(200);
        expect(answer.body.id).toMatch(/^srun_/);
      },
    );

    it('accepts the second workspace key too', async () => {
      expect(
        (await call(staticMock.url + LIST_PATH, { headers: { Authorization: 'Bearer sk_test_bravo' } })).status,
      ).toBe(200);
    });

    it.each([
      ['a revoked key', 'Bearer sk_test_revoked'],
      ['an unknown key', 'Bearer sk_test_nobody'],
      ['a Basic credential', 'Basic dXNlcjpwYXNzd29yZA=='],
      ['Bearer without a key', 'Bearer'],
    ])('refuses %s with 401, the envelope and WWW-Authenticate: Bearer', async (_label, header) => {
      const answer = await call(staticMock.url + SUITE_PATH, { headers: { Authorization: header } });
      expectEnvelope(answer, 401, 'unauthorized');
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      expect(contract.validateResponse('getSuiteRun', 401, answer.body)).toMatchObject({ ok: true });
    });

    it('decides the key before the route, the id and the body', async () => {
      const unknownRoute = await call(`${staticMock.url}/v1/agents/tests/no-such-thing`);
      expectEnvelope(unknownRoute, 401, 'unauthorized');
      const badBody = await call(staticMock.url + BATCH_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"entries": [',
      });
      expectEnvelope(badBody, 401, 'unauthorized');
    });

    it.each(['2026-13-01', '2026-02-30', '2025-02-29', 'latest', '2026-11-1'])(
      'answers Speechify-Version: %s with 400 invalid_api_version',
      async (version) => {
        const answer = await call(staticMock.url + SUITE_PATH, { headers: { ...auth, 'Speechify-Version': version } });
        expectEnvelope(answer, 400, 'invalid_api_version');
        expect(contract.validateResponse('getSuiteRun', 400, answer.body)).toMatchObject({ ok: true });
      },
    );

    it('accepts any real calendar date as Speechify-Version', async () => {
      for (const version of ['2024-02-29', '2026-11-01', '1999-12-31']) {
        expect(
          (await call(staticMock.url + SUITE_PATH, { headers: { ...auth, 'Speechify-Version': version } })).status,
        ).toBe(200);
      }
    });

    it("answers an unmatched route with the 404 envelope, not Prism's problem+json", async () => {
      const answer = await call(`${staticMock.url}/v1/agents/tests/no-such-thing`, { headers: auth });
      expectEnvelope(answer, 404, 'not_found');
      expect(answer.body.type).toBeUndefined();
    });

    it('answers another method on a known path with 405 method_not_allowed and Allow', async () => {
      const answer = await call(staticMock.url + LIST_PATH, { method: 'DELETE', headers: auth });
      expectEnvelope(answer, 405, 'method_not_allowed');
      expect(answer.headers.get('allow')).toBe('GET');
    });

    it.each([
      'srun_01m6dv75802m85pkdph32a4f0r',
      'srun_01M6DV75802M85PKDPH32A4F0',
      'run_01M6DV75802M85PKDPH32A4F0R',
      'srun_01M6DV75802M85PKDPH32A4F0R%2F..',
    ])('answers the malformed path id %s with 404 not_found', async (id) => {
      const answer = await call(`${staticMock.url}/v1/agents/tests/suite-runs/${id}`, { headers: auth });
      expectEnvelope(answer, 404, 'not_found');
    });

    it("turns Prism's query validation into 400 validation_failed naming the parameter", async () => {
      const answer = await call(`${staticMock.url}${LIST_PATH}?limit=0`, { headers: auth });
      expectEnvelope(answer, 400, 'validation_failed');
      expect(Object.keys(answer.body.error.fields)).toEqual(['limit']);
      expect(contract.validateResponse('listSuiteRuns', 400, answer.body)).toMatchObject({ ok: true });
    });

    it("turns Prism's body validation into 400 validation_failed naming the entry", async () => {
      const body = JSON.stringify({
        entries: [{ test_id: 'test_01M6DQSAK873BGZEDJGKDRM7ZJ' }, { test_id: 'not-a-test-id' }],
      });
      const answer = await call(staticMock.url + BATCH_PATH, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body,
      });
      expectEnvelope(answer, 400, 'validation_failed');
      expect(Object.keys(answer.body.error.fields)).toEqual(['entries[1].test_id']);
      expect(answer.body.error.fields['entries[1].test_id']).toMatch(/pattern/);
    });

    it('answers a body that is not JSON with 400 bad_request, and one of another type with 415', async () => {
      const json = { ...auth, 'Content-Type': 'application/json' };
      expectEnvelope(
        await call(staticMock.url + BATCH_PATH, { method: 'POST', headers: json, body: '{"entries": [' }),
        400,
        'bad_request',
      );
      const text = await call(staticMock.url + BATCH_PATH, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'text/plain' },
        body: 'hello',
      });
      expectEnvelope(text, 415, 'unsupported_media_type');
    });

    it('answers a batch without a body with 400 validation_failed naming entries, as the server does', async () => {
      const answer = await call(staticMock.url + BATCH_PATH, { method: 'POST', headers: auth });
      expectEnvelope(answer, 400, 'validation_failed');
      expect(Object.keys(answer.body.error.fields)).toEqual(['entries']);
    });

    it('reads a JSON body after a UTF-8 byte order mark as the server does, not as invalid JSON', async () => {
      // express.json (iconv) and the MSW handlers (TextDecoder) drop a leading BOM; a BOM alone is an empty body, `{}`.
      const json = { ...auth, 'Content-Type': 'application/json' };
      const bom = Buffer.from([0xef, 0xbb, 0xbf]);
      const marked = (text: string) => new Uint8Array(Buffer.concat([bom, Buffer.from(text)]));
      const valid = JSON.stringify({ entries: [{ test_id: 'test_01M6DQSAK873BGZEDJGKDRM7ZJ' }] });
      const plain = await call(staticMock.url + BATCH_PATH, { method: 'POST', headers: json, body: valid });
      const withBom = await call(staticMock.url + BATCH_PATH, { method: 'POST', headers: json, body: marked(valid) });
      expect(plain.status).toBe(202);
      expect({ status: withBom.status, body: withBom.body }).toEqual({ status: plain.status, body: plain.body });
      const invalid = marked(JSON.stringify({ entries: [{ test_id: 'not-a-test-id' }] }));
      const refused = await call(staticMock.url + BATCH_PATH, { method: 'POST', headers: json, body: invalid });
      expectEnvelope(refused, 400, 'validation_failed');
      expect(Object.keys(refused.body.error.fields)).toEqual(['entries[0].test_id']);
      const alone = await call(staticMock.url + BATCH_PATH, { method: 'POST', headers: json, body: marked('') });
      expectEnvelope(alone, 400, 'validation_failed');
      expect(Object.keys(alone.body.error.fields)).toEqual(['entries']);
    });

    it('names a bad header by its declared name', async () => {
      const body = JSON.stringify({ entries: [{ test_id: 'test_01M6DQSAK873BGZEDJGKDRM7ZJ' }] });
      const headers = { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': 'k'.repeat(256) };
      const answer = await call(staticMock.url + BATCH_PATH, { method: 'POST', headers, body });
      expectEnvelope(answer, 400, 'validation_failed');
      expect(Object.keys(answer.body.error.fields)).toEqual(['Idempotency-Key']);
    });

    it('answers a body over 1 MB with 413 payload_too_large', async () => {
      const body = JSON.stringify({ entries: [{ test_id: 'x'.repeat(1024 * 1024) }] });
      const answer = await call(staticMock.url + BATCH_PATH, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body,
      });
      expectEnvelope(answer, 413, 'payload_too_large');
    });

    it("answers a browser preflight without a key, and lets the page read the front's own errors", async () => {
      const origin = 'http://localhost:5173';
      const preflight = await call(staticMock.url + SUITE_PATH, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      const refused = await call(staticMock.url + SUITE_PATH, { headers: { Origin: origin } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
      expect(refused.headers.get('access-control-expose-headers')).toMatch(/Speechify-Request-Id/);
    });
  });

  it('with --dynamic and a seed, answers the same on every start and invents no properties', async () => {
    const first = await startMock({ port: 0, dynamic: true, seed: '7' });
    const second = await startMock({ port: 0, dynamic: true, seed: '7' });
    try {
      const a = await getJson(first.url + SUITE_PATH);
      const b = await getJson(second.url + SUITE_PATH);
      expect(a.status).toBe(200);
      expect(a.body).toEqual(b.body);
      const schema = contract.operation('getSuiteRun').responses.get('200')!.validate!.schema as object;
      expect(undeclaredKeys(a.body, schema)).toEqual([]);
      // The generated data is schema-shaped, not one of the named examples.
      expect(a.body.id).not.toBe('srun_01M6DV75802M85PKDPH32A4F0R');
      // A generated error still carries a code of its status and this answer's request id.
      const notFound = await call(first.url + SUITE_PATH, { headers: { ...auth, Prefer: 'code=404' } });
      expect(['not_found', 'agent_not_found', 'agent_test_not_found']).toContain(notFound.body.error.code);
      expect(notFound.body.request_id).toBe(notFound.headers.get('speechify-request-id'));
      expect(notFound.headers.get('speechify-request-id')).toMatch(REQUEST_ID);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
