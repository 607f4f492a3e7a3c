// The rules one exchange decides alone: auth first, the schema oracle, ids, derivation, paths,
// version, list order. Each returns findings without the exchange (judge.ts adds it).
import { isId, type IdPrefix } from '../../src/ids/index.ts';
import { violationsIn } from '../checks/derivation/representations.ts';
import { isRec, show } from '../oracle/derivation.ts';
import { idProblems } from '../oracle/ids.ts';
import { toInstant } from '../oracle/instants.ts';
import { bodyProblem, envelopeProblem, requestIdProblem, statusProblem, type Contracts } from '../oracle/schema.ts';
import type { LiveExchange } from './traffic.ts';

export interface Problem {
  rule: string;
  message: string;
}

const PATH_ID_PREFIX: Record<string, IdPrefix> = {
  suite_run_id: 'srun',
  test_run_id: 'run',
  test_id: 'test',
  agent_id: 'agent',
};
const NOT_FOUND_CODES = new Set(['not_found', 'agent_not_found', 'agent_test_not_found']);

export interface Resolved {
  operationId?: string;
  params: Record<string, string>;
  kind: 'operation' | 'wrong-method' | 'no-route';
}

/** The operation a live exchange names, in the public or the control contract. */
export function resolveLive(contracts: Contracts, live: LiveExchange): Resolved {
  const bare = live.exchange.path.split('?')[0]!;
  const contract = live.area === 'control' ? contracts.control : contracts.public;
  const path = live.area === 'control' ? `/_control${bare}` : bare;
  const found = contract.resolve(live.exchange.method, path);
  if (found.kind === 'operation')
    return { kind: 'operation', operationId: found.operation.operationId, params: found.params };
  return { kind: found.kind, params: {} };
}

function errorCode(json: unknown): unknown {
  return isRec(json) && isRec(json.error) ? json.error.code : undefined;
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function authProblems(live: LiveExchange, refused: ReadonlySet<string>): Problem[] {
  const { status, responseHeaders } = live.exchange;
  if (status === 401) {
    return /bearer/i.test(responseHeaders['www-authenticate'] ?? '')
      ? []
      : [{ rule: 'auth-first', message: '401 without WWW-Authenticate: Bearer' }];
  }
  if (!live.key) {
    const sent = live.authSent ? 'a malformed Authorization header' : 'no Authorization header';
    return [
      {
        rule: 'auth-first',
        message: `a request with ${sent} answered ${status}, not 401 (auth is decided before the path, the id or the body)`,
      },
    ];
  }
  if (refused.has(live.key)) {
    return [
      {
        rule: 'auth-first',
        message: `key ${live.key} was refused with 401 earlier but this request answered ${status} (auth is decided before anything else)`,
      },
    ];
  }
  return [];
}

function pathProblems(live: LiveExchange, resolved: Resolved): Problem[] {
  const { status, json } = live.exchange;
  if (resolved.kind === 'no-route' && (status !== 404 || errorCode(json) !== 'not_found')) {
    return [
      {
        rule: 'unknown-path',
        message: `a path no operation names answered ${status} ${show(errorCode(json))}, not 404 not_found`,
      },
    ];
  }
  if (resolved.kind === 'wrong-method' && (status !== 405 || errorCode(json) !== 'method_not_allowed')) {
    return [
      {
        rule: 'unknown-path',
        message: `a known path with a method it does not take answered ${status} ${show(errorCode(json))}, not 405 method_not_allowed`,
      },
    ];
  }
  const out: Problem[] = [];
  for (const [name, value] of Object.entries(resolved.params)) {
    const prefix = PATH_ID_PREFIX[name];
    if (!prefix || isId(decodeURIComponentSafe(value), prefix)) continue;
    if (status !== 404 || !NOT_FOUND_CODES.has(String(errorCode(json)))) {
      out.push({
        rule: 'malformed-id-404',
        message: `the malformed ${name} ${show(value)} answered ${status} ${show(errorCode(json))}, not 404 with a not-found code`,
      });
    }
  }
  return out;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function versionProblems(live: LiveExchange): Problem[] {
  const version = live.exchange.requestHeaders['speechify-version'];
  if (version === undefined) return [];
  const { status, json } = live.exchange;
  if (!isCalendarDate(version) && status >= 200 && status < 300) {
    return [
      {
        rule: 'version-checked',
        message: `Speechify-Version ${show(version)} is not a calendar date but the answer is ${status}`,
      },
    ];
  }
  if (isCalendarDate(version) && errorCode(json) === 'invalid_api_version') {
    return [
      {
        rule: 'version-checked',
        message: `Speechify-Version ${show(version)} is a well-formed date but was refused as invalid_api_version`,
      },
    ];
  }
  return [];
}

function listProblems(live: LiveExchange, resolved: Resolved): Problem[] {
  const { status, json, path } = live.exchange;
  if (resolved.operationId !== 'listSuiteRuns' || status !== 200 || !isRec(json) || !Array.isArray(json.suite_runs))
    return [];
  const out: Problem[] = [];
  const limitText = new URLSearchParams(path.split('?')[1] ?? '').get('limit');
  const limit = limitText === null ? 50 : Number(limitText);
  if (Number.isInteger(limit) && json.suite_runs.length > limit)
    out.push({ rule: 'list-order', message: `${json.suite_runs.length} items for limit ${limit}` });
  const instants = json.suite_runs.map((s) => (isRec(s) ? toInstant(s.created_at) : undefined));
  for (let i = 1; i < instants.length; i++) {
    const [a, b] = [instants[i - 1], instants[i]];
    if (a !== undefined && b !== undefined && b > a) {
      out.push({
        rule: 'list-order',
        message: `suite_runs[${i}] was created after suite_runs[${i - 1}]: the list is not newest first`,
      });
      break;
    }
  }
  return out;
}

/** The rules an exchange's request headers and answer headers decide: auth first, then the request id. */
export function judgeHeaders(
  live: LiveExchange,
  refused: ReadonlySet<string>,
): { problems: Problem[]; authFailed: boolean } {
  const exchange = live.exchange;
  if (live.area === 'other' || !exchange.status) return { problems: [], authFailed: false };
  const auth = authProblems(live, refused);
  if (auth.length || exchange.status === 401) return { problems: auth, authFailed: true };
  // A 2xx body never repeats the request id: only the header is read (and the body left unparsed).
  const ok = exchange.status >= 200 && exchange.status < 300;
  const id =
    live.area !== 'public'
      ? undefined
      : ok
        ? exchange.responseHeaders['speechify-request-id']
          ? undefined
          : `${exchange.status} answer without a Speechify-Request-Id header`
        : requestIdProblem(exchange);
  return { problems: id ? [{ rule: 'request-id', message: id }] : [], authFailed: false };
}

/**
 * The rules one exchange decides alone, beyond its headers: the schema oracle, ids, derivation,
 * paths, version, list order. Their verdict depends only on the request line, the version
 * header, the status, the Content-Type and the body: the judge may reuse it for an identical answer.
 * Control calls are judged against the control spec (bodies and error envelopes); other paths
 * (docs pages) are not API calls.
 */
export function judgeBody(contracts: Contracts, live: LiveExchange, resolved: Resolved): Problem[] {
  const exchange = live.exchange;
  if (live.area === 'other' || !exchange.status) return [];
  const out: Problem[] = [];
  const add = (rule: string, message: string | undefined) => {
    if (message) out.push({ rule, message });
  };
  if (live.area === 'public') {
    add('status-documented', statusProblem(contracts, exchange));
    out.push(...pathProblems(live, resolved), ...versionProblems(live), ...listProblems(live, resolved));
  }
  add('body-valid', bodyProblem(contracts, exchange));
  add('error-envelope', envelopeProblem(contracts, exchange));
  if (exchange.status >= 200 && exchange.status < 300) {
    for (const p of idProblems(exchange.json))
      out.push({ rule: 'id-format', message: `${p.where} ${show(p.value)}: ${p.reason}` });
  }
  for (const v of violationsIn(contracts, exchange))
    out.push({ rule: `derivation-${v.rule}`, message: `${v.label}: ${v.message}` });
  return out;
}
