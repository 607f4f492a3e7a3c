// The schema oracle: spec/openapi.yaml (read at run time through src/contract) judges every
// answer of the run. Each function returns the problem as text, or undefined when fine.
import type { Contract } from '../../src/contract/index.ts';
import type { Exchange } from '../http/exchange.ts';

export interface Contracts {
  public: Contract;
  control: Contract;
}

/**
 * Statuses the `default` response documents ("Any other error (405, 413, 415, 500)" minus 500: a 500 is never
 * conformance).
 */
const DEFAULT_DOCUMENTS = new Set([405, 413, 415]);

/** Which error codes each status may carry (CONTRACT.md, "Wire basics"). */
const CODES_BY_STATUS: Record<number, string[]> = {
  400: ['validation_failed', 'bad_request', 'invalid_api_version'],
  401: ['unauthorized'],
  402: ['payment_required'],
  404: ['not_found', 'agent_not_found', 'agent_test_not_found'],
  405: ['method_not_allowed'],
  409: ['conflict', 'idempotency_conflict'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  500: ['internal_error'],
};

export function operationOf(
  contracts: Contracts,
  exchange: Exchange,
): { contract: Contract; operationId: string } | undefined {
  const bare = exchange.path.split('?')[0]!;
  const contract = exchange.api === 'control' ? contracts.control : contracts.public;
  const path = exchange.api === 'control' ? `/_control${bare}` : bare;
  const found = contract.match(exchange.method, path);
  return found ? { contract, operationId: found.operation.operationId } : undefined;
}

export function statusProblem(contracts: Contracts, exchange: Exchange): string | undefined {
  if (!exchange.status) return undefined;
  const op = operationOf(contracts, exchange);
  if (!op) return undefined;
  const verdict = op.contract.validateResponse(op.operationId, exchange.status, exchange.json ?? null);
  if (verdict.documented === 'explicit') return undefined;
  if (verdict.documented === 'default' && DEFAULT_DOCUMENTS.has(exchange.status)) return undefined;
  if (
    exchange.status === 400 &&
    errorCode(exchange) === 'invalid_api_version' &&
    hasVersionParameter(op.contract, op.operationId)
  ) {
    // The Speechify-Version parameter itself documents "malformed is 400 invalid_api_version".
    return undefined;
  }
  return `${op.operationId} answered ${exchange.status}, a status its spec does not document`;
}

export function bodyProblem(contracts: Contracts, exchange: Exchange): string | undefined {
  if (!exchange.status) return undefined;
  const op = operationOf(contracts, exchange);
  if (!op) return undefined;
  const entry =
    op.contract.operation(op.operationId).responses.get(String(exchange.status)) ??
    op.contract.operation(op.operationId).responses.get('default');
  if (!entry?.validate) return undefined;
  if (exchange.json === undefined)
    return `${op.operationId} ${exchange.status}: the body is not JSON (${snippet(exchange.text)})`;
  const verdict = op.contract.validateResponse(op.operationId, exchange.status, exchange.json);
  if (verdict.ok) return undefined;
  const problems = verdict.problems.slice(0, 5).map((p) => `${p.path || '(root)'} ${p.message}`);
  return `${op.operationId} ${exchange.status}: the body does not match the spec: ${problems.join('; ')}`;
}

export function envelopeProblem(contracts: Contracts, exchange: Exchange): string | undefined {
  if (!exchange.status || (exchange.status >= 200 && exchange.status < 300)) return undefined;
  if (exchange.api === 'control' && exchange.status < 400) return undefined;
  const type = exchange.responseHeaders['content-type'] ?? '';
  if (!/json/i.test(type))
    return `${exchange.status} answered with Content-Type ${JSON.stringify(type)}, not the JSON error envelope`;
  const body = exchange.json as { error?: { code?: unknown; fields?: unknown } } | undefined;
  if (!contracts.public.schema('Error')(body))
    return `${exchange.status}: the body is not the error envelope: ${snippet(exchange.text)}`;
  const code = String(body?.error?.code);
  const allowed = CODES_BY_STATUS[exchange.status];
  if (allowed && !allowed.includes(code))
    return `${exchange.status} carries error code "${code}"; this status carries ${allowed.join(' or ')}`;
  if (code === 'validation_failed' && (typeof body?.error?.fields !== 'object' || body.error.fields === null)) {
    return '400 validation_failed without `fields` (the contract says it names each offending input)';
  }
  return undefined;
}

export function requestIdProblem(exchange: Exchange): string | undefined {
  if (!exchange.status || exchange.api === 'control') return undefined;
  const header = exchange.responseHeaders['speechify-request-id'];
  if (!header) return `${exchange.status} answer without a Speechify-Request-Id header`;
  const body = exchange.json as { request_id?: unknown } | undefined;
  if (
    exchange.status >= 300 &&
    body &&
    typeof body === 'object' &&
    'request_id' in body &&
    body.request_id !== header
  ) {
    return `the error body's request_id ${JSON.stringify(body.request_id)} differs from the Speechify-Request-Id header ${JSON.stringify(header)}`;
  }
  return undefined;
}

export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${JSON.stringify(flat.slice(0, 120))}...` : JSON.stringify(flat);
}

function errorCode(exchange: Exchange): unknown {
  return (exchange.json as { error?: { code?: unknown } } | undefined)?.error?.code;
}

function hasVersionParameter(contract: Contract, operationId: string): boolean {
  return contract
    .operation(operationId)
    .parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'speechify-version');
}
