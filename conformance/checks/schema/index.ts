// schema: the spec is the oracle for shape, on every answer the run gets.
import type { CheckContext } from '../../context.ts';
import { bodyProblem, envelopeProblem, operationOf, requestIdProblem, statusProblem } from '../../oracle/schema.ts';
import { createObserver } from '../observer.ts';
import type { CheckDefinition } from '../types.ts';
import { probeEveryOperation } from './probe.ts';

const opId = (ctx: CheckContext) => (e: Parameters<typeof operationOf>[1]) =>
  operationOf(ctx.contracts, e)?.operationId;

export const schemaChecks: CheckDefinition[] = [
  {
    id: 'schema-status-documented',
    group: 'schema',
    clause: 'response-status',
    title: 'every answer has a status its operation documents',
    run: probeEveryOperation,
    observe: (ctx) =>
      createObserver(
        (e) => (operationOf(ctx.contracts, e) ? statusProblem(ctx.contracts, e) : null),
        opId(ctx),
        'status-documented',
      ),
  },
  {
    id: 'schema-body-valid',
    group: 'schema',
    clause: 'response-body',
    title: 'every answer body validates against spec/openapi.yaml for its operation and status',
    run: probeEveryOperation,
    observe: (ctx) =>
      createObserver(
        (e) => (operationOf(ctx.contracts, e) && e.status ? bodyProblem(ctx.contracts, e) : null),
        opId(ctx),
        'body-schema',
      ),
  },
  {
    id: 'schema-error-envelope',
    group: 'schema',
    clause: 'error-envelope',
    title: 'every non-2xx answer is the JSON error envelope with a code that fits its status',
    run: probeEveryOperation,
    observe: (ctx) =>
      createObserver(
        (e) => (e.status && (e.status < 200 || e.status >= 300) ? envelopeProblem(ctx.contracts, e) : null),
        opId(ctx),
        'error-envelope',
      ),
  },
  {
    id: 'schema-request-id',
    group: 'schema',
    clause: 'request-id',
    title: 'every answer carries Speechify-Request-Id, repeated as request_id in error bodies',
    run: probeEveryOperation,
    observe: (ctx) =>
      createObserver((e) => (e.status && e.api === 'public' ? requestIdProblem(e) : null), opId(ctx), 'request-id'),
  },
];
