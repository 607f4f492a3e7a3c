// The mutant table: for each check no fault of the reference server covers, a proxy mutation
// that breaks the rule the check checks (used by test/conformance-mutants.test.ts, and by
// the coverage test that every check of the catalogue can fail).
import { jsonAnswer, mapJson, type Mutation, type ProxiedRequest } from './mutant-proxy.ts';

const is = {
  getSuite: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/suite-runs\/[^/?]+$/.test(r.path),
  cancelSuite: (r: ProxiedRequest) =>
    r.method === 'POST' && /^\/v1\/agents\/tests\/suite-runs\/[^/?]+\/cancel$/.test(r.path),
  resubmit: (r: ProxiedRequest) => r.method === 'POST' && /\/resubmit$/.test(r.path),
  list: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/suite-runs(\?|$)/.test(r.path),
  getRun: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/runs\/[^/?]+$/.test(r.path),
  runAll: (r: ProxiedRequest) =>
    r.method === 'POST' && /^\/v1\/agents\/[^/]+\/tests\/runs$/.test(r.path) && !r.path.startsWith('/v1/agents/tests/'),
  batch: (r: ProxiedRequest) => r.method === 'POST' && r.path === '/v1/agents/tests/runs/batch',
  runTest: (r: ProxiedRequest) => r.method === 'POST' && /^\/v1\/agents\/tests\/[^/]+\/runs$/.test(r.path),
  controlCreate: (r: ProxiedRequest) => r.method === 'POST' && r.path === '/_control/suite-runs',
  control: (r: ProxiedRequest) => r.path.startsWith('/_control/'),
  mainKey: (r: ProxiedRequest) => r.headers.authorization === 'Bearer sk_test_alpha',
};

const envelope = (code: string) => ({ error: { code, message: 'mutant' }, request_id: 'req_mutant' });
const SAME_ID = 'srun_01M6DV7580JHH3VXH3J1Z0NDTA';

/** One mutant: the check that must fail, the rule id its failure must name, what the mutant breaks, the mutation. */
export interface MutantRow {
  check: string;
  /** The rule id the failure names (kind `violation`); the check's own id when it judges one rule. */
  rule: string;
  breaks: string;
  mutation: Mutation;
  /** Checks to run with it (the selection); none of them may fail. */
  alsoRun?: string[];
}

/** A mutation per check. Fresh state per call. */
export function mutants(): MutantRow[] {
  const cancelled404 = new Set<string>();
  const otherSuites: Record<string, unknown>[] = [];
  const resubmitted = new Set<string>();
  return [
    {
      check: 'schema-error-envelope',
      rule: 'error-envelope',
      breaks: 'unknown routes answer an HTML page',
      mutation: {
        response: (req, res) =>
          req.path.includes('no-such-thing')
            ? { ...res, headers: { ...res.headers, 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' }
            : res,
      },
    },
    {
      check: 'schema-request-id',
      rule: 'request-id',
      breaks: 'errors come without Speechify-Request-Id',
      mutation: {
        response: (_req, res) =>
          res.status >= 400
            ? {
                ...res,
                headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => k !== 'speechify-request-id')),
              }
            : res,
      },
    },
    {
      check: 'schema-body-valid',
      rule: 'body-schema',
      breaks: 'GET of a suite drops created_at',
      mutation: {
        response: (req, res) =>
          is.getSuite(req) && res.status === 200 ? mapJson(res, (b) => void delete b.created_at) : res,
      },
    },
    {
      check: 'derivation-counters',
      rule: 'counters-derivation',
      breaks: 'GET of a suite counts one child too many',
      mutation: {
        response: (req, res) =>
          is.getSuite(req) && res.status === 200
            ? mapJson(res, (b) => {
                b.total += 1;
              })
            : res,
      },
    },
    {
      check: 'derivation-child-fields',
      rule: 'child-fields-derivation',
      breaks: 'failed children lose their error',
      mutation: {
        response: (req, res) =>
          is.getSuite(req) && res.status === 200
            ? mapJson(res, (b) => {
                for (const r of b.runs) if (r.status === 'failed') delete r.error;
              })
            : res,
      },
    },
    {
      check: 'derivation-agent-name',
      rule: 'agent-name-derivation',
      breaks: 'reads lose agent_name',
      mutation: {
        response: (req, res) =>
          is.getSuite(req) && res.status === 200
            ? mapJson(res, (b) => {
                b.agent_name = null;
              })
            : res,
      },
    },
    {
      check: 'derivation-runs-stable',
      rule: 'derivation-runs-stable',
      breaks: 'GET returns the children in reverse order',
      mutation: {
        response: (req, res) =>
          is.getSuite(req) && res.status === 200 ? mapJson(res, (b) => void b.runs.reverse()) : res,
      },
    },
    {
      check: 'cancel-shared-instant',
      rule: 'cancel-one-instant',
      breaks: 'each child a cancel touches gets its own ended_at',
      mutation: {
        response: (req, res) =>
          is.cancelSuite(req) && res.status === 200
            ? mapJson(res, (b) => {
                b.runs
                  .filter((r: any) => r.status === 'cancelled')
                  .forEach((r: any, i: number) => {
                    r.ended_at = new Date(Date.parse(r.ended_at) + i).toISOString();
                  });
              })
            : res,
      },
    },
    {
      check: 'auth-missing-credentials',
      rule: 'auth-missing-credentials',
      breaks: 'a Basic credential is taken as the first key',
      mutation: {
        request: (req) =>
          req.headers.authorization?.startsWith('Basic')
            ? { ...req, headers: { ...req.headers, authorization: 'Bearer sk_test_alpha' } }
            : req,
      },
    },
    {
      check: 'auth-revoked-key',
      rule: 'auth-revoked-key',
      breaks: 'the revoked key still works',
      mutation: {
        request: (req) =>
          req.headers.authorization === 'Bearer sk_test_revoked'
            ? { ...req, headers: { ...req.headers, authorization: 'Bearer sk_test_alpha' } }
            : req,
      },
    },
    {
      check: 'auth-scheme-case-insensitive',
      rule: 'auth-scheme-case-insensitive',
      breaks: 'only "Bearer" with a capital B is understood',
      mutation: {
        request: (req) =>
          req.headers.authorization?.startsWith('bearer ')
            ? { ...req, headers: { ...req.headers, authorization: '' } }
            : req,
      },
    },
    {
      check: 'notfound-unknown-ids',
      rule: 'notfound-unknown-ids',
      breaks: 'an unknown suite id is 400',
      mutation: {
        response: (req, res) =>
          is.getSuite(req) && res.status === 404 ? jsonAnswer(400, envelope('bad_request')) : res,
      },
    },
    {
      check: 'notfound-cancel-creates-nothing',
      rule: 'notfound-cancel-creates-nothing',
      breaks: 'a 404 cancel makes the suite',
      mutation: {
        response: (req, res) => {
          const id = req.path.split('/')[5]!;
          if (is.cancelSuite(req) && res.status === 404) cancelled404.add(id);
          return is.getSuite(req) && cancelled404.has(id) ? jsonAnswer(200, { id, status: 'cancelled' }) : res;
        },
      },
    },
    {
      check: 'tenancy-other-workspace-run-404',
      rule: 'tenancy-other-workspace-run-404',
      breaks: "another workspace's test run is 403",
      mutation: {
        response: (req, res) =>
          is.getRun(req) && is.mainKey(req) && res.status === 404 ? jsonAnswer(403, envelope('forbidden')) : res,
      },
    },
    {
      check: 'tenancy-absent-from-lists',
      rule: 'tenancy-absent-from-lists',
      breaks: "the other workspace's suites show up in this one's list",
      mutation: {
        response: (req, res) => {
          if (is.controlCreate(req) && req.headers.authorization === 'Bearer sk_test_bravo' && res.status === 201)
            otherSuites.push(JSON.parse(res.body));
          if (!is.list(req) || !is.mainKey(req) || res.status !== 200) return res;
          return mapJson(res, (b) => void b.suite_runs.unshift(...otherSuites.map(({ runs: _r, ...item }) => item)));
        },
      },
    },
    {
      check: 'tenancy-other-workspace-agents-and-tests',
      rule: 'tenancy-other-workspace-agents-and-tests',
      breaks: "Run All on another workspace's agent is 403",
      mutation: {
        response: (req, res) => (is.runAll(req) && res.status === 404 ? jsonAnswer(403, envelope('forbidden')) : res),
      },
    },
    {
      check: 'ids-parent-link',
      rule: 'ids-parent-link',
      breaks: 'a resubmitted suite names itself as its parent',
      mutation: {
        response: (req, res) =>
          is.resubmit(req) && res.status === 202
            ? mapJson(res, (b) => {
                b.parent_suite_run_id = b.id;
              })
            : res,
      },
    },
    {
      check: 'ids-unique',
      rule: 'id-unique',
      breaks: 'Run All and batch answer the same suite id',
      mutation: {
        response: (req, res) =>
          (is.runAll(req) || is.batch(req)) && res.status === 202
            ? mapJson(res, (b) => {
                b.suite_run.id = SAME_ID;
              })
            : res,
      },
    },
    {
      check: 'lifecycle-run-all-answer',
      rule: 'lifecycle-run-all-answer',
      breaks: 'Run All answers trigger batch',
      mutation: {
        response: (req, res) =>
          is.runAll(req) && res.status === 202
            ? mapJson(res, (b) => {
                b.suite_run.trigger = 'batch';
              })
            : res,
      },
    },
    {
      check: 'lifecycle-batch-answer',
      rule: 'lifecycle-batch-answer',
      breaks: 'a batch answers its runs in reverse order',
      mutation: {
        response: (req, res) =>
          is.batch(req) && res.status === 202 ? mapJson(res, (b) => void b.runs.reverse()) : res,
      },
    },
    {
      check: 'lifecycle-batch-rejects-bad-entries',
      rule: 'lifecycle-batch-rejects-bad-entries',
      breaks: 'a bad batch entry is not named in fields',
      mutation: {
        response: (req, res) =>
          is.batch(req) && res.status === 400
            ? mapJson(res, (b) => {
                b.error.fields = { body: 'is invalid' };
              })
            : res,
      },
    },
    {
      check: 'lifecycle-run-test-answer',
      rule: 'lifecycle-run-test-answer',
      breaks: 'running one test answers it running',
      mutation: {
        response: (req, res) =>
          is.runTest(req) && res.status === 202
            ? mapJson(res, (b) => void Object.assign(b, { status: 'running', started_at: b.created_at }))
            : res,
      },
    },
    {
      check: 'lifecycle-resubmit-inherits',
      rule: 'lifecycle-resubmit-inherits',
      breaks: "a resubmitted suite loses the parent's config_override (its answer and its GETs)",
      mutation: {
        response: (req, res) => {
          if (is.resubmit(req) && res.status === 202)
            return mapJson(res, (b) => {
              resubmitted.add(b.id);
              b.config_override = null;
            });
          return is.getSuite(req) && res.status === 200 && resubmitted.has(req.path.split('/')[5]!)
            ? mapJson(res, (b) => {
                b.config_override = null;
              })
            : res;
        },
      },
    },
    {
      check: 'auth-control-interface',
      rule: 'auth-control-interface',
      breaks: 'a control call without a key acts as the first workspace',
      mutation: {
        request: (req) =>
          is.control(req) && !req.headers.authorization
            ? { ...req, headers: { ...req.headers, authorization: 'Bearer sk_test_alpha' } }
            : req,
      },
    },
    {
      check: 'lifecycle-resubmit-not-terminal',
      rule: 'lifecycle-resubmit-not-terminal',
      breaks: 'resubmit of a running suite is 400',
      mutation: {
        response: (req, res) =>
          is.resubmit(req) && res.status === 409 ? jsonAnswer(400, envelope('bad_request')) : res,
      },
    },
    {
      check: 'lifecycle-list-order-and-pagination',
      rule: 'lifecycle-list-order-and-pagination',
      breaks: 'each page is oldest first',
      mutation: {
        response: (req, res) =>
          is.list(req) && res.status === 200 ? mapJson(res, (b) => void b.suite_runs.reverse()) : res,
      },
    },
    {
      check: 'lifecycle-list-rejects-bad-parameters',
      rule: 'lifecycle-list-rejects-bad-parameters',
      breaks: 'limit=0 is read as limit=1',
      mutation: {
        request: (req) =>
          is.list(req) && req.path.includes('limit=0') ? { ...req, path: req.path.replace('limit=0', 'limit=1') } : req,
      },
    },
    {
      check: 'lifecycle-test-run-matches-suite-child',
      rule: 'lifecycle-test-run-matches-suite-child',
      breaks: 'a run read alone has another created_at',
      mutation: {
        response: (req, res) =>
          is.getRun(req) && res.status === 200
            ? mapJson(res, (b) => {
                b.created_at = new Date(Date.parse(b.created_at) + 1000).toISOString();
              })
            : res,
      },
    },
    {
      check: 'version-malformed-rejected',
      rule: 'version-malformed-rejected',
      breaks: 'February 30th is accepted',
      mutation: {
        request: (req) =>
          req.headers['speechify-version'] === '2026-02-30'
            ? { ...req, headers: { ...req.headers, 'speechify-version': '2026-03-01' } }
            : req,
      },
    },
    {
      check: 'version-valid-accepted',
      rule: 'version-valid-accepted',
      breaks: 'a date far ahead is refused',
      mutation: {
        request: (req) =>
          req.headers['speechify-version'] === '2099-12-31' ? jsonAnswer(400, envelope('invalid_api_version')) : req,
      },
    },
    {
      check: 'derivation-every-representation',
      rule: 'status-derivation',
      breaks: 'list items of running suites read completed',
      mutation: {
        response: (req, res) =>
          is.list(req) && res.status === 200
            ? mapJson(res, (b) => {
                for (const s of b.suite_runs) if (s.status === 'running') s.status = 'completed';
              })
            : res,
      },
    },
  ];
}
