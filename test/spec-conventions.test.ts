// The spec's own conventions, checked on the document so that a later edit cannot quietly break
// them: id patterns on every id field of every body and none on path ids (a malformed path id is
// a 404, not a validation error), bearer auth, the request-id header and the error envelope on
// every answer, and examples that obey the derivation rules the spec states (an example that
// contradicts the contract would teach the wrong thing).
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { countersOf } from '../conformance/testing/blind-spot-helpers.ts';
import { PUBLIC_SPEC_PATH } from '../src/contract/index.ts';

type Node = Record<string, any>;
const raw = parse(readFileSync(PUBLIC_SPEC_PATH, 'utf8')) as Node;
let spec: Node;
beforeAll(async () => {
  spec = (await SwaggerParser.dereference(PUBLIC_SPEC_PATH)) as unknown as Node;
});

function operations(document: Node): { label: string; operation: Node }[] {
  return Object.entries(document.paths as Node).flatMap(([path, item]) =>
    Object.entries(item as Node)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ label: `${method.toUpperCase()} ${path}`, operation: operation as Node })),
  );
}

// Ids that are not resource ids: a simulation criterion's id comes from the test's own config, and
// a request id is an opaque correlation value (the same as the Speechify-Request-Id header).
const FOREIGN_ID_FIELDS = new Set(['SimulationCriterionResult.criterion_id', 'Error.request_id']);

describe('spec conventions', () => {
  it('every id field of every body schema carries an id pattern', () => {
    const missing: string[] = [];
    for (const [name, schema] of Object.entries(raw.components.schemas as Node)) {
      for (const [field, property] of Object.entries((schema.properties ?? {}) as Node)) {
        if (field !== 'id' && !field.endsWith('_id')) continue;
        if (FOREIGN_ID_FIELDS.has(`${name}.${field}`)) continue;
        const text = JSON.stringify(property);
        if (!/#\/components\/schemas\/(SuiteRunId|TestRunId|TestId|AgentId|FlowVersionId)"/.test(text))
          missing.push(`${name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the id schemas are the five prefixes over upper-case Crockford base32', () => {
    const prefixes = { SuiteRunId: 'srun', TestRunId: 'run', TestId: 'test', AgentId: 'agent', FlowVersionId: 'fver' };
    for (const [name, prefix] of Object.entries(prefixes))
      expect(raw.components.schemas[name].pattern).toBe(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`);
  });

  it('no path parameter has a pattern or format: a malformed path id must reach the handler and be a 404', () => {
    const constrained: string[] = [];
    for (const { label, operation } of operations(spec)) {
      for (const p of operation.parameters ?? []) {
        if (p.in === 'path' && (p.schema?.pattern || p.schema?.format || p.schema?.minLength || p.schema?.maxLength))
          constrained.push(`${label} ${p.name}`);
      }
    }
    expect(operations(spec).length).toBe(10);
    expect(constrained).toEqual([]);
  });

  it('every operation: bearer auth, Speechify-Version accepted, 401 with WWW-Authenticate, 404 where an id is in the path', () => {
    expect(spec.security).toEqual([{ bearerAuth: [] }]);
    expect(spec.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const problems: string[] = [];
    for (const { label, operation } of operations(spec)) {
      if (operation.security !== undefined) problems.push(`${label}: overrides security`);
      if (!(operation.parameters ?? []).some((p: Node) => p.in === 'header' && p.name === 'Speechify-Version'))
        problems.push(`${label}: no Speechify-Version`);
      if (!operation.responses['401']?.headers?.['WWW-Authenticate'])
        problems.push(`${label}: 401 without WWW-Authenticate`);
      if (label.includes('_id}') && !operation.responses['404']) problems.push(`${label}: no 404`);
    }
    expect(problems).toEqual([]);
  });

  it('creating POSTs honour Idempotency-Key; reads and cancels do not take it', () => {
    const withKey = operations(spec)
      .filter(({ operation }) => (operation.parameters ?? []).some((p: Node) => p.name === 'Idempotency-Key'))
      .map(({ operation }) => operation.operationId)
      .sort();
    expect(withKey).toEqual(['resubmitSuiteRun', 'runAllTests', 'runTest', 'runTestsBatch']);
  });

  it('every answer carries Speechify-Request-Id, and every non-2xx answer is the Error envelope', () => {
    const problems: string[] = [];
    for (const { label, operation } of operations(spec)) {
      for (const [status, response] of Object.entries(operation.responses as Node)) {
        if (!response.headers?.['Speechify-Request-Id']) problems.push(`${label} ${status}: no Speechify-Request-Id`);
        if (
          !status.startsWith('2') &&
          response.content?.['application/json']?.schema !== spec.components.schemas.Error
        ) {
          problems.push(`${label} ${status}: not the Error envelope`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the error codes of CONTRACT.md are all in ErrorCode', () => {
    const codes = raw.components.schemas.ErrorCode.enum as string[];
    for (const code of [
      'unauthorized',
      'not_found',
      'agent_not_found',
      'agent_test_not_found',
      'validation_failed',
      'bad_request',
      'invalid_api_version',
      'conflict',
      'idempotency_conflict',
      'method_not_allowed',
      'payload_too_large',
      'unsupported_media_type',
      'internal_error',
    ]) {
      expect(codes).toContain(code);
    }
  });
});

// --- The examples obey the derivation rules (an oracle written from CONTRACT.md, independent of src/domain).
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'];

function childProblems(run: Node): string[] {
  const out: string[] = [];
  const completed = run.status === 'completed';
  if ((run.verdict != null) !== completed) out.push(`${run.id}: verdict ${run.verdict} with status ${run.status}`);
  if ((run.result != null) !== completed) out.push(`${run.id}: result with status ${run.status}`);
  if ((run.ended_at != null) !== TERMINAL.has(run.status))
    out.push(`${run.id}: ended_at ${run.ended_at} with status ${run.status}`);
  if ('error' in run !== (run.status === 'failed')) out.push(`${run.id}: error with status ${run.status}`);
  if (run.status === 'pending' && run.started_at != null) out.push(`${run.id}: pending but started`);
  if (['running', 'completed'].includes(run.status) && run.started_at == null)
    out.push(`${run.id}: ${run.status} but never started`);
  if (completed && run.result && run.result.passed !== (run.verdict === 'passed'))
    out.push(`${run.id}: result.passed disagrees with verdict`);
  return out;
}

/** The counters, results, status, verdict and ended_at a suite must show for these children. */
function derive(runs: Node[]): Node {
  const counters = countersOf(runs as { status: string; verdict?: string | null }[]);
  const status =
    counters.pending + counters.running > 0
      ? 'running'
      : counters.cancelled > 0
        ? 'cancelled'
        : counters.failed > 0
          ? 'failed'
          : 'completed';
  const ends = runs.map((r) => r.ended_at as string | null);
  return {
    ...counters,
    status,
    verdict: status !== 'completed' ? null : counters.results.passed === runs.length ? 'passed' : 'failed',
    ended_at: status === 'running' || ends.some((e) => e == null) ? null : ([...ends].sort().at(-1) ?? null),
  };
}

/** For a suite without its children: the counters must at least agree with each other. */
function summaryProblems(suite: Node): string[] {
  const c = (s: string) => suite[s] as number;
  const out: string[] = [];
  if (STATUSES.reduce((sum, s) => sum + c(s), 0) !== suite.total)
    out.push(`${suite.id}: counters do not add up to total`);
  if (suite.results.passed + suite.results.failed !== suite.completed)
    out.push(`${suite.id}: results do not add up to completed`);
  const status =
    c('pending') + c('running') > 0
      ? 'running'
      : c('cancelled') > 0
        ? 'cancelled'
        : c('failed') > 0
          ? 'failed'
          : 'completed';
  if (suite.status !== status) out.push(`${suite.id}: status ${suite.status}, counters say ${status}`);
  if ((suite.verdict != null) !== (suite.status === 'completed'))
    out.push(`${suite.id}: verdict with status ${suite.status}`);
  if (suite.status === 'completed' && suite.verdict !== (suite.results.failed === 0 ? 'passed' : 'failed'))
    out.push(`${suite.id}: verdict disagrees with results`);
  if ((suite.ended_at == null) !== (suite.status === 'running'))
    out.push(`${suite.id}: ended_at with status ${suite.status}`);
  if ((suite.agent_id == null) !== (suite.trigger === 'batch'))
    out.push(`${suite.id}: agent_id with trigger ${suite.trigger}`);
  if (suite.agent_id == null && suite.agent_name != null) out.push(`${suite.id}: agent_name without agent_id`);
  if ((suite.parent_suite_run_id != null) !== (suite.trigger === 'resubmit'))
    out.push(`${suite.id}: parent with trigger ${suite.trigger}`);
  return out;
}

const examples = Object.entries(raw.components.examples as Node).map(([name, e]) => ({ name, value: e.value as Node }));
const suitesWithRuns = examples.filter((e) => e.value && 'trigger' in e.value && Array.isArray(e.value.runs));

describe('the examples obey the derivation rules', () => {
  it('the suite examples the issue asks for exist', () => {
    const statuses = suitesWithRuns.map((e) => `${e.value.status}/${e.value.verdict}`);
    for (const wanted of ['running/null', 'cancelled/null', 'completed/passed', 'completed/failed', 'failed/null'])
      expect(statuses).toContain(wanted);
    expect(suitesWithRuns.some((e) => e.value.runs.every((r: Node) => r.status === 'pending'))).toBe(true);
    expect(suitesWithRuns.some((e) => e.value.trigger === 'resubmit')).toBe(true);
    const errorCodes = examples.filter((e) => e.value?.error).map((e) => e.value.error.code);
    for (const code of ['validation_failed', 'bad_request', 'unauthorized', 'not_found', 'conflict'])
      expect(errorCodes).toContain(code);
  });

  it.each(suitesWithRuns.map((e) => [e.name, e.value] as const))(
    '%s: every derived field matches its children',
    (_name, suite) => {
      const expected = derive(suite.runs);
      const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, suite[k]]));
      expect(actual).toEqual(expected);
      expect(suite.runs.flatMap(childProblems)).toEqual([]);
      expect(summaryProblems(suite)).toEqual([]);
    },
  );

  it('every other suite and run in the examples is consistent (list pages, creation answers, single runs)', () => {
    const problems: string[] = [];
    for (const { name, value } of examples) {
      if (!value || typeof value !== 'object') continue;
      const summaries: Node[] = value.suite_runs ?? (value.suite_run ? [value.suite_run] : []);
      for (const s of summaries) problems.push(...summaryProblems(s).map((p) => `${name}: ${p}`));
      const runs: Node[] =
        'test_id' in value ? [value] : !('trigger' in value) && Array.isArray(value.runs) ? value.runs : [];
      for (const r of runs) problems.push(...childProblems(r).map((p) => `${name}: ${p}`));
      if (value.suite_run) {
        if (value.suite_run.total !== value.runs.length)
          problems.push(`${name}: suite total ${value.suite_run.total} for ${value.runs.length} runs`);
        if (value.suite_run.agent_name !== null) problems.push(`${name}: a creation answer resolves agent_name`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('a resubmit example re-runs exactly the failed and failed-verdict children of its parent example, in order', () => {
    const byId = new Map(suitesWithRuns.map((e) => [e.value.id, e.value]));
    const pairs = suitesWithRuns.filter((e) => e.value.trigger === 'resubmit' && byId.has(e.value.parent_suite_run_id));
    expect(pairs.length).toBeGreaterThan(0);
    for (const { value } of pairs) {
      const parent = byId.get(value.parent_suite_run_id)!;
      const rerun = parent.runs.filter(
        (r: Node) => r.status === 'failed' || (r.status === 'completed' && r.verdict === 'failed'),
      );
      expect(value.runs.map((r: Node) => r.test_id)).toEqual(rerun.map((r: Node) => r.test_id));
      expect([value.agent_id, value.config_override, value.flow_version_id]).toEqual([
        parent.agent_id,
        parent.config_override,
        parent.flow_version_id,
      ]);
    }
  });
});

describe('the derivation oracle itself', () => {
  it('derives a cancelled suite and catches a wrong counter', () => {
    const runs = [
      { id: 'a', status: 'completed', verdict: 'failed', ended_at: '2026-01-01T00:00:02Z' },
      { id: 'b', status: 'cancelled', verdict: null, ended_at: '2026-01-01T00:00:05Z' },
    ];
    expect(derive(runs)).toMatchObject({
      status: 'cancelled',
      verdict: null,
      ended_at: '2026-01-01T00:00:05Z',
      results: { passed: 0, failed: 1 },
    });
    const suite = {
      id: 's',
      total: 2,
      pending: 0,
      running: 0,
      completed: 1,
      failed: 0,
      cancelled: 0,
      results: { passed: 0, failed: 1 },
      status: 'cancelled',
      verdict: null,
      ended_at: 'x',
      agent_id: 'a',
      trigger: 'run_all',
    };
    expect(summaryProblems(suite)).toEqual([
      's: counters do not add up to total',
      's: status cancelled, counters say completed',
    ]);
    expect(
      childProblems({ id: 'c', status: 'completed', verdict: null, result: null, ended_at: null, started_at: null }),
    ).toHaveLength(4);
  });
});
