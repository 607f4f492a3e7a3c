// Wire compatibility with the provider's own OpenAPI document: a client written against the
// provider must keep working against suiterun-kit. The comparison is a pure function
// (scripts/wire-compat.ts), proved here on tiny documents first, then run on the real ones.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_SPEC_PATH } from '../src/contract/index.ts';
import { compareWire, formatProblem, shapeOf, type WireRule } from '../scripts/wire-compat.ts';
import { requirePiece } from './support/required.ts';

type Node = Record<string, unknown>;

// <repo>/../shared/reference/: the provider's material lives next to the project, never inside it.
// SUITERUN_REFERENCE_OPENAPI points at another copy (a newer snapshot, or a missing file to see the skip).
const REFERENCE_PATH =
  process.env.SUITERUN_REFERENCE_OPENAPI ??
  fileURLToPath(new URL('../../shared/reference/speechify-agent-tests.openapi.json', import.meta.url));
const REFERENCE_PRESENT = existsSync(REFERENCE_PATH);

/** A tiny already-dereferenced document in the reference's style. */
function referenceDocument(): Node {
  const suite = {
    type: 'object',
    required: ['id', 'status', 'total'],
    properties: {
      id: { type: 'string' },
      agent_id: { type: ['string', 'null'] },
      status: { type: 'string', enum: ['pending', 'running', 'completed'] },
      total: { type: 'number' },
      runs: {
        type: 'array',
        items: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, score: { type: 'string' } } },
      },
    },
  };
  const error = { type: 'object', required: ['error'], properties: { error: { type: 'object' } } };
  return {
    openapi: '3.1.0',
    paths: {
      '/v1/suites/{id}/cancel': {
        post: {
          operationId: 'cancelSuite',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer' } },
          ],
          requestBody: {
            content: { 'application/json': { schema: { type: 'object', properties: { reason: { type: 'string' } } } } },
          },
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: suite } } },
            '401': { description: 'no', content: { 'application/json': { schema: error } } },
            '404': { description: 'no', content: { 'application/json': { schema: error } } },
          },
        },
      },
    },
    components: { schemas: { Suite: suite, Error: error } },
  };
}

/** Ours starts as the reference written our way: bearer scheme, `oneOf` + null, id patterns, extras. */
function ourDocument(): Node {
  const document = structuredClone(referenceDocument()) as any;
  const operation = document.paths['/v1/suites/{id}/cancel'].post;
  operation.parameters = operation.parameters.filter((p: Node) => p.name !== 'Authorization');
  operation.parameters.push({
    name: 'Speechify-Version',
    in: 'header',
    required: false,
    schema: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
  });
  operation.parameters[1].schema = { type: 'integer', minimum: 1, maximum: 200, default: 50 };
  operation.responses.default = {
    description: 'other',
    content: { 'application/json': { schema: { type: 'object' } } },
  };
  const suite = operation.responses['200'].content['application/json'].schema;
  suite.properties.agent_id = {
    description: 'The agent',
    oneOf: [{ type: 'string', pattern: '^agent_[0-9A-HJKMNP-TV-Z]{26}$' }, { type: 'null' }],
  };
  suite.properties.id.pattern = '^srun_[0-9A-HJKMNP-TV-Z]{26}$';
  suite.properties.total.minimum = 0;
  suite.properties.note = { type: 'string', description: 'An optional field the reference lacks.' };
  suite.examples = [{ id: 'srun_x' }];
  document.components.schemas = { Suite: suite, Error: document.components.schemas.Error, AgentId: { type: 'string' } };
  document.components.securitySchemes = { bearerAuth: { type: 'http', scheme: 'bearer' } };
  document.security = [{ bearerAuth: [] }];
  return document;
}

function rulesOf(ours: Node, reference: Node = referenceDocument()): WireRule[] {
  return compareWire(ours, reference).problems.map((p) => p.rule);
}

function suiteOf(document: Node): any {
  return (document as any).paths['/v1/suites/{id}/cancel'].post.responses['200'].content['application/json'].schema;
}

describe('the wire comparison', () => {
  it('accepts ours as written: bearer instead of an Authorization parameter, oneOf with null, patterns, bounds, an optional field, a default response', () => {
    const report = compareWire(ourDocument(), referenceDocument());
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.compared.operations).toEqual(['cancelSuite']);
    expect(report.compared.schemas).toEqual(['Suite', 'Error']);
  });

  it('reports a tightened type', () => {
    const ours = ourDocument();
    suiteOf(ours).properties.total = { type: 'integer' };
    expect(rulesOf(ours)).toEqual(['type-changed']);
  });

  it('reports nullability taken away', () => {
    const ours = ourDocument();
    suiteOf(ours).properties.agent_id = { type: 'string' };
    expect(rulesOf(ours)).toEqual(['nullability-changed']);
  });

  it('reports a dropped enum value, an added one, and an enum made free', () => {
    const dropped = ourDocument();
    suiteOf(dropped).properties.status.enum = ['pending', 'running'];
    expect(rulesOf(dropped)).toEqual(['enum-narrowed']);
    const added = ourDocument();
    suiteOf(added).properties.status.enum = ['pending', 'running', 'completed', 'paused'];
    expect(rulesOf(added)).toEqual(['enum-widened']);
    const free = ourDocument();
    delete suiteOf(free).properties.status.enum;
    expect(rulesOf(free)).toEqual(['enum-widened']);
  });

  it('reports an added required field and a required field made optional', () => {
    const extra = ourDocument();
    suiteOf(extra).required.push('note');
    expect(rulesOf(extra)).toEqual(['required-changed']);
    const fewer = ourDocument();
    suiteOf(fewer).required = ['id', 'status'];
    expect(rulesOf(fewer)).toEqual(['required-changed']);
  });

  it('reports a removed status code', () => {
    const ours = ourDocument() as any;
    delete ours.paths['/v1/suites/{id}/cancel'].post.responses['404'];
    expect(rulesOf(ours)).toEqual(['status-missing']);
  });

  it('reports a missing field and a changed field inside array items', () => {
    const missing = ourDocument();
    delete suiteOf(missing).properties.runs.items.properties.score;
    expect(rulesOf(missing)).toEqual(['field-missing']);
    const changed = ourDocument();
    suiteOf(changed).properties.runs.items.properties.score = { type: 'number' };
    const problems = compareWire(changed, referenceDocument()).problems;
    expect(problems.map((p) => p.rule)).toEqual(['type-changed']);
    expect(problems[0]!.where).toContain('.runs[].score');
  });

  it('reports a moved operation and an operation the reference does not have', () => {
    const moved = ourDocument() as any;
    moved.paths['/v1/suites/{id}/stop'] = moved.paths['/v1/suites/{id}/cancel'];
    delete moved.paths['/v1/suites/{id}/cancel'];
    expect(rulesOf(moved)).toEqual(['operation-moved']);
    const renamed = ourDocument() as any;
    renamed.paths['/v1/suites/{id}/cancel'].post.operationId = 'stopSuite';
    expect(rulesOf(renamed)).toEqual(['operation-unknown']);
  });

  it('reports parameters: missing, required-ness changed, a new required one, a narrower type', () => {
    const ours = ourDocument() as any;
    const parameters = ours.paths['/v1/suites/{id}/cancel'].post.parameters;
    parameters[1].required = true;
    parameters.push({ name: 'workspace', in: 'query', required: true, schema: { type: 'string' } });
    expect(rulesOf(ours).sort()).toEqual(['parameter-added-required', 'parameter-required-changed']);
    parameters.splice(1, 1);
    parameters[0].schema = { type: 'integer' };
    expect(rulesOf(ours).sort()).toEqual(['parameter-added-required', 'parameter-missing', 'type-changed']);
  });

  it('reports a request body made required or changed', () => {
    const ours = ourDocument() as any;
    const body = ours.paths['/v1/suites/{id}/cancel'].post.requestBody;
    body.required = true;
    body.content['application/json'].schema.properties.reason = { type: 'integer' };
    expect(rulesOf(ours).sort()).toEqual(['request-body-required-changed', 'type-changed']);
    delete ours.paths['/v1/suites/{id}/cancel'].post.requestBody;
    expect(rulesOf(ours)).toEqual(['request-body-missing']);
  });

  it('reports an operation not covered by the bearer scheme', () => {
    const none = ourDocument();
    delete none.security;
    expect(rulesOf(none)).toEqual(['not-bearer']);
    const optional = ourDocument();
    optional.security = [{ bearerAuth: [] }, {}];
    expect(rulesOf(optional)).toEqual(['not-bearer']);
    const basic = ourDocument() as any;
    basic.components.securitySchemes.bearerAuth = { type: 'http', scheme: 'basic' };
    expect(rulesOf(basic)).toEqual(['not-bearer']);
  });

  it('normalises the ways of writing "a string or null"', () => {
    const forms = [
      { type: ['string', 'null'] },
      { oneOf: [{ type: 'string', pattern: '^x$' }, { type: 'null' }] },
      { anyOf: [{ type: 'null' }, { type: 'string' }] },
      { type: 'string', enum: ['a', null] },
    ];
    for (const form of forms) {
      const shape = shapeOf(form);
      expect([...shape.types], JSON.stringify(form)).toEqual(['string']);
      expect(shape.nullable, JSON.stringify(form)).toBe(true);
    }
    expect(shapeOf({}).any).toBe(true);
    expect(shapeOf({ description: 'JSON' }).any).toBe(true);
    expect(shapeOf({ type: 'null' }).any).toBe(false);
  });
});

const REFERENCE_RUNS = requirePiece(
  'the provider reference document',
  REFERENCE_PRESENT,
  `${REFERENCE_PATH}; CI always has ../shared/reference/`,
);

describe.skipIf(!REFERENCE_RUNS)('wire compatibility with the provider reference document', () => {
  let report: ReturnType<typeof compareWire>;

  beforeAll(async () => {
    const ours = (await SwaggerParser.dereference(PUBLIC_SPEC_PATH)) as unknown as Node;
    const reference = (await SwaggerParser.dereference(REFERENCE_PATH)) as unknown as Node;
    report = compareWire(ours, reference);
  });

  it('compares all ten operations and the shared schemas (the comparison is not vacuous)', () => {
    expect([...report.compared.operations].sort()).toEqual([
      'cancelSuiteRun',
      'cancelTestRun',
      'getSuiteRun',
      'getTestRun',
      'listSuiteRuns',
      'listTestRuns',
      'resubmitSuiteRun',
      'runAllTests',
      'runTest',
      'runTestsBatch',
    ]);
    expect(report.compared.schemas.length).toBeGreaterThanOrEqual(30);
    expect(report.compared.fields).toBeGreaterThan(150);
  });

  it('finds no incompatibility: paths, methods, fields, types, required, nullability, enums, statuses, parameters, bodies', () => {
    expect(report.problems.map(formatProblem)).toEqual([]);
  });
});
