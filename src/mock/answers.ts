// What the front does to Prism's answers: every answer gets this request's own id, every error
// answer is the contract's envelope with a code that fits its status. Prism's own errors
// (problem+json, `{"error":{"code":"invalid_json"}}`) and its request validation (the documented
// 400 example plus an `sl-violations` header) become the envelope the contract names.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { OperationInfo } from '../contract/index.ts';
import { fieldPath } from '../contract/index.ts';
import { ApiError, BAD_REQUEST, UNAUTHORIZED, UNSUPPORTED_MEDIA_TYPE, validationFailed } from '../wire/errors.ts';
import { errorEnvelope } from '../wire/envelope.ts';
import { JSON_TYPE } from '../wire/media-type.ts';
import { REQUEST_ID_HEADER } from '../wire/request-id.ts';
import { codesForStatus, templateForStatus } from './errors.ts';

export interface Answer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** An ApiError as the envelope, its headers (WWW-Authenticate, Allow) included. */
export function errorAnswer(error: ApiError, requestId: string): Answer {
  const body = Buffer.from(JSON.stringify(errorEnvelope(error, requestId)));
  return {
    status: error.status,
    headers: { ...error.headers, 'Content-Type': JSON_TYPE, [REQUEST_ID_HEADER]: requestId },
    body,
  };
}

export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** Prism's `sl-violations` about the request that make it invalid (not warnings, not the response). */
export function requestViolations(header: string | string[] | undefined): Violation[] {
  if (typeof header !== 'string') return [];
  try {
    const parsed = JSON.parse(header) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is Violation => Array.isArray(v?.location) && v.location[0] === 'request' && v.severity === 'Error',
    );
  } catch {
    return [];
  }
}

/** The input a violation names, as the envelope's `fields` spell it (`entries[0].test_id`, `limit`). */
function fieldOf(violation: Violation, operation: OperationInfo | undefined): string | undefined {
  const [, where, ...rest] = violation.location;
  // A missing property is reported at its parent; the envelope names the property itself.
  const missing =
    violation.code === 'required' ? /required property '([^']+)'/.exec(violation.message)?.[1] : undefined;
  if (where === 'body') return fieldPath(`/${[...rest, ...(missing ? [missing] : [])].join('/')}`) || 'body';
  if (where === 'header') {
    const declared = operation?.parameters.find(
      (p) => p.in === 'header' && p.name.toLowerCase() === rest[0]?.toLowerCase(),
    );
    return declared?.name ?? rest[0];
  }
  if (where === 'query' || where === 'path') return rest[0];
  return undefined;
}

/** Prism's verdict on an invalid request, as the contract's error. */
function violationsToError(violations: Violation[], operation: OperationInfo | undefined): ApiError {
  const codes = new Set(violations.map((v) => String(v.code)));
  if (codes.has('401')) return new ApiError(UNAUTHORIZED);
  if (codes.has('415')) return new ApiError(UNSUPPORTED_MEDIA_TYPE);
  const fields: Record<string, string> = {};
  for (const violation of violations) {
    const field = fieldOf(violation, operation);
    if (field === undefined) continue;
    fields[field] = fields[field] ? `${fields[field]}; ${violation.message}` : violation.message;
  }
  if (Object.keys(fields).length) return validationFailed(fields);
  return new ApiError(BAD_REQUEST, { message: violations[0]?.message ?? BAD_REQUEST.message });
}

interface EnvelopeLike {
  error: { code: string; message: string; fields?: Record<string, string> };
  request_id?: string;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** What Prism said went wrong, for the message of the envelope that replaces its answer. */
function prismMessage(json: unknown): string | undefined {
  if (json === null || typeof json !== 'object') return undefined;
  const problem = json as { detail?: unknown; title?: unknown; error?: { message?: unknown } };
  const text = problem.detail ?? problem.title ?? problem.error?.message;
  return typeof text === 'string' && text ? text : undefined;
}

export interface PrismAnswerContext {
  requestId: string;
  operation: OperationInfo | undefined;
  /** The Error schema of the spec: is this body the envelope? */
  isEnvelope: (body: unknown) => boolean;
}

const DROPPED = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  REQUEST_ID_HEADER.toLowerCase(),
]);

function passedHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !DROPPED.has(name)) out[name] = value;
  return out;
}

/** Decides the error an answer of Prism's stands for, or undefined when it is already the contract's. */
function replacementError(
  status: number,
  headers: IncomingHttpHeaders,
  json: unknown,
  envelope: boolean,
  operation: OperationInfo | undefined,
): ApiError | undefined {
  const violations = requestViolations(headers['sl-violations']);
  if (violations.length) return violationsToError(violations, operation);
  if (envelope && isEnvelopeFittingStatus(status, json)) return undefined;
  const template = templateForStatus(status);
  // A generated envelope (--dynamic) with a code of another status carries filler text, not a reason.
  const message = (envelope ? undefined : prismMessage(json)) ?? template.message;
  return new ApiError(template, { message });
}

function isEnvelopeFittingStatus(status: number, json: unknown): boolean {
  const code = (json as EnvelopeLike | undefined)?.error?.code;
  const fitting = codesForStatus(status);
  return !fitting || fitting.includes(String(code));
}

/** Header sets merged case-insensitively: a later set wins, with its own spelling. */
export function mergeHeaders(...sets: OutgoingHttpHeaders[]): OutgoingHttpHeaders {
  const byName = new Map<string, [string, OutgoingHttpHeaders[string]]>();
  for (const set of sets)
    for (const [name, value] of Object.entries(set))
      if (value !== undefined) byName.set(name.toLowerCase(), [name, value]);
  return Object.fromEntries(byName.values());
}

/** Prism's answer as the contract says it must be. */
export function fromPrism(prism: Answer & { headers: IncomingHttpHeaders }, context: PrismAnswerContext): Answer {
  const headers = mergeHeaders(passedHeaders(prism.headers), { [REQUEST_ID_HEADER]: context.requestId });
  if (prism.status < 400) return { status: prism.status, headers, body: prism.body };
  const json = parseJson(prism.body);
  const replacement = replacementError(prism.status, prism.headers, json, context.isEnvelope(json), context.operation);
  if (replacement) {
    delete headers['content-type'];
    delete headers['sl-violations'];
    const answer = errorAnswer(replacement, context.requestId);
    return { ...answer, headers: mergeHeaders(headers, answer.headers) };
  }
  const body = Buffer.from(JSON.stringify({ ...(json as EnvelopeLike), request_id: context.requestId }));
  // The contract's own headers for this status (a 401's WWW-Authenticate), on Prism's envelope too.
  const own = templateForStatus(prism.status).headers ?? {};
  return { status: prism.status, headers: mergeHeaders(headers, own, { 'Content-Type': JSON_TYPE }), body };
}
