import type { IncomingHttpHeaders } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Contract } from '../contract/index.ts';
import { fromPrism, mergeHeaders, requestViolations, type PrismAnswerContext } from './answers.ts';

const REQUEST_ID = 'req_01M6EK86M0AAAAAAAAAAAAAAAA';

function prismAnswer(status: number, body: unknown, headers: IncomingHttpHeaders = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(text) };
}

const violations = (...list: unknown[]) => ({ 'sl-violations': JSON.stringify(list) });

describe("Prism's answers made the contract's", () => {
  let contract: Contract;
  let context: PrismAnswerContext;
  beforeAll(async () => {
    contract = await loadContract();
    const envelope = contract.schema('Error');
    context = {
      requestId: REQUEST_ID,
      operation: contract.operation('runTestsBatch'),
      isEnvelope: (body) => envelope(body),
    };
  });

  const cases: {
    name: string;
    answer: ReturnType<typeof prismAnswer>;
    status: number;
    code: string;
    fields?: Record<string, string>;
  }[] = [
    {
      name: 'problem+json for an unmatched route becomes 404 not_found',
      answer: prismAnswer(
        404,
        {
          type: 'https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR',
          title: 'Route not resolved',
          status: 404,
          detail: 'nope',
        },
        { 'content-type': 'application/problem+json' },
      ),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'problem+json for another method becomes 405 method_not_allowed',
      answer: prismAnswer(
        405,
        { type: 'x', title: 'Route resolved, but no method matched', status: 405 },
        { 'content-type': 'application/problem+json' },
      ),
      status: 405,
      code: 'method_not_allowed',
    },
    {
      name: "Prism's invalid_json (a code outside the enum) becomes 400 bad_request",
      answer: prismAnswer(400, { error: { code: 'invalid_json', message: 'Invalid JSON' } }),
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'a 422 of Prism naming no input becomes 400 bad_request (validation_failed always names its fields)',
      answer: prismAnswer(422, { type: 'x', title: 'Invalid request', status: 422 }),
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'a 500 of Prism becomes internal_error',
      answer: prismAnswer(500, 'boom'),
      status: 500,
      code: 'internal_error',
    },
    {
      name: 'a generated envelope whose code belongs to another status gets the code of its own',
      answer: prismAnswer(404, { error: { code: 'rate_limited', message: 'lorem ipsum' }, request_id: 'string' }),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'the documented 400 example served for a bad query names the parameter instead',
      answer: prismAnswer(
        400,
        {
          error: { code: 'validation_failed', message: 'x', fields: { 'entries[1].test_id': 'must match' } },
          request_id: 'req_example',
        },
        violations({
          location: ['request', 'query', 'limit'],
          severity: 'Error',
          code: 'minimum',
          message: 'Request query parameter limit must be >= 1',
        }),
      ),
      status: 400,
      code: 'validation_failed',
      fields: { limit: 'Request query parameter limit must be >= 1' },
    },
    {
      name: 'body violations are named by path, a missing property by its own name',
      answer: prismAnswer(
        400,
        { error: { code: 'validation_failed', message: 'x', fields: {} } },
        violations(
          {
            location: ['request', 'body', 'entries', '0', 'test_id'],
            severity: 'Error',
            code: 'pattern',
            message: 'bad pattern',
          },
          {
            location: ['request', 'body', 'entries', '1'],
            severity: 'Error',
            code: 'required',
            message: "must have required property 'test_id'",
          },
          { location: ['request', 'query', 'extra'], severity: 'Warning', code: 'x', message: 'only a warning' },
        ),
      ),
      status: 400,
      code: 'validation_failed',
      fields: { 'entries[0].test_id': 'bad pattern', 'entries[1].test_id': "must have required property 'test_id'" },
    },
    {
      name: 'a header violation is named as the spec declares the header',
      answer: prismAnswer(
        400,
        { error: { code: 'validation_failed', message: 'x' } },
        violations({
          location: ['request', 'header', 'idempotency-key'],
          severity: 'Error',
          code: 'maxLength',
          message: 'too long',
        }),
      ),
      status: 400,
      code: 'validation_failed',
      fields: { 'Idempotency-Key': 'too long' },
    },
    {
      name: 'a content-type violation becomes 415',
      answer: prismAnswer(
        400,
        { error: { code: 'validation_failed', message: 'x' } },
        violations({
          location: ['request'],
          severity: 'Error',
          code: 415,
          message: 'Supported content types: application/json',
        }),
      ),
      status: 415,
      code: 'unsupported_media_type',
    },
  ];

  it.each(cases)('$name', ({ answer, status, code, fields }) => {
    const made = fromPrism(answer, context);
    const body = JSON.parse(made.body.toString());
    expect({ status: made.status, code: body.error.code }).toEqual({ status, code });
    expect(context.isEnvelope(body)).toBe(true);
    expect(body.request_id).toBe(REQUEST_ID);
    expect(made.headers['Speechify-Request-Id']).toBe(REQUEST_ID);
    expect(made.headers['Content-Type']).toMatch(/^application\/json/);
    if (fields) expect(body.error.fields).toEqual(fields);
    else expect(body.error.fields).toBeUndefined();
  });

  it("keeps a documented error example chosen with Prefer, with this answer's request id", () => {
    const example = {
      error: { code: 'not_found', message: 'No suite run with this id exists in this workspace.' },
      request_id: 'req_01M6EK86M02Z83VMV3SB2ZH884',
    };
    const made = fromPrism(
      prismAnswer(404, example, { 'speechify-request-id': 'req_01M6EK86M0R9TYTYW7DW6B4BD3' }),
      context,
    );
    expect(JSON.parse(made.body.toString())).toEqual({ ...example, request_id: REQUEST_ID });
    expect(Object.keys(made.headers).filter((h) => h.toLowerCase() === 'speechify-request-id')).toEqual([
      'Speechify-Request-Id',
    ]);
  });

  it('passes a success through byte for byte, replacing only the request id header', () => {
    const answer = prismAnswer(200, '{"id":"srun_x"}', {
      'speechify-request-id': 'string',
      'access-control-allow-origin': '*',
    });
    const made = fromPrism(answer, context);
    expect(made.body.equals(answer.body)).toBe(true);
    expect(made.headers).toMatchObject({ 'Speechify-Request-Id': REQUEST_ID, 'access-control-allow-origin': '*' });
    expect(made.headers['speechify-request-id']).toBeUndefined();
  });

  it('adds WWW-Authenticate: Bearer to every 401', () => {
    const made = fromPrism(prismAnswer(401, { error: { code: 'unauthorized', message: 'x' } }), context);
    expect(mergeHeaders(made.headers)['WWW-Authenticate']).toBe('Bearer');
  });

  it('reads only request violations of severity Error, and survives a malformed header', () => {
    expect(requestViolations('not json')).toEqual([]);
    expect(
      requestViolations(
        JSON.stringify([{ location: ['response', 'body'], severity: 'Error', code: 'x', message: 'm' }]),
      ),
    ).toEqual([]);
    expect(requestViolations(undefined)).toEqual([]);
  });
});
