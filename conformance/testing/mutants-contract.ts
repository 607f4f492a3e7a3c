// Issue 9, both directions, for the contract fixes (agent_name on resubmit, not-found codes,
// Idempotency-Key bound to its first request, Speechify-Version dates, ids by form only):
// - contractMutants(): proxy mutations that break one rule; the named check must fail (rows of
//   the same shape as mutants() in mutants.ts);
// - contractVariations(): proxy rewrites that stay inside the contract (what another
//   implementation may do); the named checks must all still pass.
import { jsonAnswer, mapJson, type Mutation, type ProxiedRequest, type ProxiedResponse } from './mutant-proxy.ts';
import type { MutantRow } from './mutants.ts';

const is = {
  resubmit: (r: ProxiedRequest) => r.method === 'POST' && /\/resubmit$/.test(r.path),
  getSuite: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/suite-runs\/[^/?]+$/.test(r.path),
  list: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/suite-runs(\?|$)/.test(r.path),
  batch: (r: ProxiedRequest) => r.method === 'POST' && r.path === '/v1/agents/tests/runs/batch',
  getRun: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/runs\/[^/?]+$/.test(r.path),
  runAll: (r: ProxiedRequest) =>
    r.method === 'POST' && /^\/v1\/agents\/[^/]+\/tests\/runs$/.test(r.path) && !r.path.startsWith('/v1/agents/tests/'),
  /** runTest and listTestRuns: a test id in the path. */
  testPath: (r: ProxiedRequest) =>
    /^\/v1\/agents\/tests\/[^/]+\/runs(\?|$)/.test(r.path) && !/^\/v1\/agents\/tests\/(runs|suite-runs)\//.test(r.path),
};

const envelope = (code: string) => ({ error: { code, message: 'mutant' }, request_id: 'req_mutant' });
const codeOf = (res: ProxiedResponse): unknown => {
  try {
    return (JSON.parse(res.body) as { error?: { code?: unknown } }).error?.code;
  } catch {
    return undefined;
  }
};
const notFound = (res: ProxiedResponse) => res.status === 404 && codeOf(res) === 'not_found';
const version = (r: ProxiedRequest) => r.headers['speechify-version'];
const withVersion = (r: ProxiedRequest, value: string): ProxiedRequest => ({
  ...r,
  headers: { ...r.headers, 'speechify-version': value },
});

/** Idempotency-Key made per operation and path, as a server that scopes keys by route would. */
const keyPerRoute: Mutation = {
  request: (req) => {
    const key = req.headers['idempotency-key'];
    return key === undefined
      ? req
      : { ...req, headers: { ...req.headers, 'idempotency-key': `${req.method} ${req.path}|${key}` } };
  },
};

/** A server that records refusals too: a key whose request was refused replays the refusal. */
function refusalsRecorded(): Mutation {
  const refused = new Map<string, ProxiedResponse>();
  return {
    request: (req) => {
      const key = req.headers['idempotency-key'];
      return key !== undefined && refused.has(key) ? refused.get(key)! : req;
    },
    response: (req, res) => {
      const key = req.headers['idempotency-key'];
      if (key !== undefined && res.status >= 400 && res.status !== 401) refused.set(key, res);
      return res;
    },
  };
}

/** A mutation per contract fix: the check must fail on the rule named. Fresh state per call. */
export function contractMutants(): MutantRow[] {
  const resolvesAgentName: Mutation = {
    response: (req, res) =>
      is.resubmit(req) && res.status === 202
        ? mapJson(res, (b) => {
            b.agent_name = 'Mutant Agent';
          })
        : res,
  };
  return [
    {
      check: 'lifecycle-resubmit-answer',
      rule: 'lifecycle-resubmit-answer',
      breaks: 'the resubmit answer resolves agent_name',
      mutation: resolvesAgentName,
    },
    {
      check: 'derivation-every-representation',
      rule: 'agent-name-derivation',
      breaks: 'the resubmit answer resolves agent_name (seen by the observer)',
      mutation: resolvesAgentName,
      alsoRun: ['ids-parent-link'],
    },
    {
      check: 'notfound-malformed-ids',
      rule: 'notfound-malformed-ids',
      breaks: 'a malformed test id is 400',
      mutation: {
        response: (req, res) => (is.testPath(req) && notFound(res) ? jsonAnswer(400, envelope('bad_request')) : res),
      },
    },
    {
      check: 'notfound-malformed-ids',
      rule: 'notfound-malformed-ids',
      breaks: 'a malformed agent id is 500',
      mutation: {
        response: (req, res) => (is.runAll(req) && notFound(res) ? jsonAnswer(500, envelope('internal_error')) : res),
      },
    },
    {
      check: 'notfound-malformed-ids',
      rule: 'notfound-malformed-ids',
      breaks: 'a malformed suite id answers agent_not_found, a code its operation does not document',
      mutation: {
        response: (req, res) =>
          is.getSuite(req) && notFound(res) ? jsonAnswer(404, envelope('agent_not_found')) : res,
      },
    },
    {
      check: 'notfound-unknown-ids',
      rule: 'notfound-unknown-ids',
      breaks: 'an unknown test id answers agent_not_found, the code of another operation',
      mutation: {
        response: (req, res) =>
          is.testPath(req) && res.status === 404 ? jsonAnswer(404, envelope('agent_not_found')) : res,
      },
    },
    {
      check: 'idempotency-key-bound-to-request',
      rule: 'idempotency-key-bound-to-request',
      breaks: 'Idempotency-Key is scoped per operation and path: reused elsewhere it makes anew',
      mutation: keyPerRoute,
    },
    {
      check: 'idempotency-refusal-not-recorded',
      rule: 'idempotency-refusal-not-recorded',
      breaks: 'a refused request is recorded: its retry replays the refusal',
      mutation: refusalsRecorded(),
    },
    {
      check: 'version-valid-accepted',
      rule: 'version-valid-accepted',
      breaks: 'years 0000-0099 are refused (read as 1900-1999), except the two dates of the fixed list',
      mutation: {
        request: (req) =>
          /^00\d\d-/.test(version(req) ?? '') && !['0009-01-21', '0000-02-29'].includes(version(req)!)
            ? jsonAnswer(400, envelope('invalid_api_version'))
            : req,
      },
    },
    {
      check: 'version-malformed-rejected',
      rule: 'version-malformed-rejected',
      breaks: 'a month above 12 passes (only the pattern is checked), except on the fixed list',
      mutation: {
        request: (req) =>
          /^\d{4}-(1[3-9]|[2-9]\d)-\d{2}$/.test(version(req) ?? '') &&
          !['2026-13-01', '7381-58-57'].includes(version(req)!)
            ? withVersion(req, '2026-01-01')
            : req,
      },
    },
  ];
}

const ID = /^(srun|run|test|agent|fver)_([0-9A-HJKMNP-TV-Z])([0-9A-HJKMNP-TV-Z]{25})$/;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Moves an id's first character half the alphabet on (its own inverse): ULID time layout lost, form kept. */
export function shiftId(text: string): string {
  const match = ID.exec(text);
  return match ? `${match[1]}_${ALPHABET[(ALPHABET.indexOf(match[2]!) + 16) % 32]}${match[3]}` : text;
}

function shiftIdsIn(value: unknown): unknown {
  if (typeof value === 'string') return shiftId(value);
  if (Array.isArray(value)) return value.map(shiftIdsIn);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftIdsIn(v)]));
  return value;
}

function shiftIdsInPath(path: string): string {
  const [route, query] = path.split('?', 2) as [string, string | undefined];
  const shifted = route.split('/').map(shiftId).join('/');
  if (query === undefined) return shifted;
  return `${shifted}?${query
    .split('&')
    .map((pair) => pair.replace(/=(.*)$/, (_m, v: string) => `=${shiftId(v)}`))
    .join('&')}`;
}

/**
 * Ids that are not ULIDs: every id the client sees starts half the alphabet away (a server
 * minting `srun_01...` shows `srun_H1...`, first character above 7, no time order), mapped back
 * on the way in, so the target keeps working as before.
 */
const idsNotUlids: Mutation = {
  request: (req) => {
    let body = req.body;
    try {
      if (body) body = JSON.stringify(shiftIdsIn(JSON.parse(body)));
    } catch {
      // not JSON: left as it is
    }
    return { ...req, path: shiftIdsInPath(req.path), body };
  },
  response: (_req, res) => mapJson(res, shiftIdsIn),
};

/** [what the variation does (allowed by the contract), the rewrite, the checks that must all pass]. */
export function contractVariations(): [string, Mutation, string[]][] {
  return [
    [
      "a malformed or unknown test or agent id answers the operation's own not-found code",
      {
        response: (req, res) => {
          if (is.runAll(req) && notFound(res)) return jsonAnswer(404, envelope('agent_not_found'));
          if (is.testPath(req) && notFound(res)) return jsonAnswer(404, envelope('agent_test_not_found'));
          return res;
        },
      },
      [
        'notfound-malformed-ids',
        'notfound-unknown-ids',
        'notfound-cancel-creates-nothing',
        'tenancy-other-workspace-agents-and-tests',
      ],
    ],
    [
      'an unknown agent or test answers plain not_found',
      {
        response: (req, res) =>
          (is.runAll(req) || is.testPath(req)) && res.status === 404 ? jsonAnswer(404, envelope('not_found')) : res,
      },
      ['notfound-unknown-ids'],
    ],
    [
      'a bad list limit or cursor is 400 bad_request without fields',
      {
        response: (req, res) =>
          is.list(req) && res.status === 400 && codeOf(res) === 'validation_failed'
            ? jsonAnswer(400, envelope('bad_request'))
            : res,
      },
      ['lifecycle-list-rejects-bad-parameters'],
    ],
    [
      'the last page of the list still carries a next_cursor (has_more false)',
      {
        response: (req, res) =>
          is.list(req) && res.status === 200
            ? mapJson(res, (b) => {
                if (b.has_more === false) b.next_cursor = 'end-of-list';
              })
            : res,
      },
      ['lifecycle-list-order-and-pagination', 'tenancy-absent-from-lists'],
    ],
    [
      'batch fields name entries as JSON pointers (/entries/1/test_id)',
      {
        response: (req, res) =>
          is.batch(req) && res.status === 400
            ? mapJson(res, (b) => {
                const fields = b?.error?.fields;
                if (fields)
                  b.error.fields = Object.fromEntries(
                    Object.entries(fields).map(([k, v]) => [
                      `/${k.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`,
                      v,
                    ]),
                  );
              })
            : res,
      },
      ['lifecycle-batch-rejects-bad-entries', 'tenancy-other-workspace-agents-and-tests'],
    ],
    [
      'a new run read back has already been started by a worker',
      {
        response: (req, res) =>
          is.getRun(req) && res.status === 200
            ? mapJson(
                res,
                (b) =>
                  void (b.status === 'pending' && Object.assign(b, { status: 'running', started_at: b.created_at })),
              )
            : res,
      },
      ['lifecycle-run-test-answer'],
    ],
    [
      'ids of the right form that are not ULIDs (first character above 7, no time order)',
      idsNotUlids,
      [
        'ids-well-formed',
        'ids-unique',
        'ids-parent-link',
        'notfound-malformed-ids',
        'notfound-unknown-ids',
        'lifecycle-resubmit-answer',
        'lifecycle-list-order-and-pagination',
        'derivation-every-representation',
      ],
    ],
  ];
}
