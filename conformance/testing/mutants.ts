// The mutant table: for each check no fault of the reference server covers, a proxy mutation
// that breaks exactly what the check checks (used by test/conformance-mutants.test.ts, and by
// the coverage test that every check of the catalogue can fail).
import { jsonAnswer, mapJson, type Mutation, type ProxiedRequest } from './mutant-proxy.ts';

const is = {
  getSuite: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/suite-runs\/[^/?]+$/.test(r.path),
  cancelSuite: (r: ProxiedRequest) => r.method === 'POST' && /^\/v1\/agents\/tests\/suite-runs\/[^/?]+\/cancel$/.test(r.path),
  resubmit: (r: ProxiedRequest) => r.method === 'POST' && /\/resubmit$/.test(r.path),
  list: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/suite-runs(\?|$)/.test(r.path),
  getRun: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/runs\/[^/?]+$/.test(r.path),
  runAll: (r: ProxiedRequest) => r.method === 'POST' && /^\/v1\/agents\/[^/]+\/tests\/runs$/.test(r.path) && !r.path.startsWith('/v1/agents/tests/'),
  batch: (r: ProxiedRequest) => r.method === 'POST' && r.path === '/v1/agents/tests/runs/batch',
  runTest: (r: ProxiedRequest) => r.method === 'POST' && /^\/v1\/agents\/tests\/[^/]+\/runs$/.test(r.path),
  controlCreate: (r: ProxiedRequest) => r.method === 'POST' && r.path === '/_control/suite-runs',
  control: (r: ProxiedRequest) => r.path.startsWith('/_control/'),
  mainKey: (r: ProxiedRequest) => r.headers.authorization === 'Bearer sk_test_alpha',
};

const envelope = (code: string) => ({ error: { code, message: 'mutant' }, request_id: 'req_mutant' });
const SAME_ID = 'srun_01M6DV7580JHH3VXH3J1Z0NDTA';

/** A mutation per check: [check that must fail, what the mutant breaks, the mutation, extra checks to run with it]. Fresh state per call. */
export function mutants(): [string, string, Mutation, string[]?][] {
  const cancelled404 = new Set<string>();
  const otherSuites: Record<string, unknown>[] = [];
  const resubmitted = new Set<string>();
  return [
    ['schema-error-envelope', 'unknown routes answer an HTML page', { response: (req, res) => (req.path.includes('no-such-thing') ? { ...res, headers: { ...res.headers, 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' } : res) }],
    ['schema-request-id', 'errors come without Speechify-Request-Id', { response: (_req, res) => (res.status >= 400 ? { ...res, headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => k !== 'speechify-request-id')) } : res) }],
    ['schema-body-valid', 'GET of a suite drops created_at', { response: (req, res) => (is.getSuite(req) && res.status === 200 ? mapJson(res, (b) => void delete b.created_at) : res) }],
    ['derivation-counters', 'GET of a suite counts one child too many', { response: (req, res) => (is.getSuite(req) && res.status === 200 ? mapJson(res, (b) => void (b.total += 1)) : res) }],
    ['derivation-child-fields', 'failed children lose their error', { response: (req, res) => (is.getSuite(req) && res.status === 200 ? mapJson(res, (b) => b.runs.forEach((r: any) => r.status === 'failed' && delete r.error)) : res) }],
    ['derivation-agent-name', 'reads lose agent_name', { response: (req, res) => (is.getSuite(req) && res.status === 200 ? mapJson(res, (b) => void (b.agent_name = null)) : res) }],
    ['derivation-runs-stable', 'GET returns the children in reverse order', { response: (req, res) => (is.getSuite(req) && res.status === 200 ? mapJson(res, (b) => void b.runs.reverse()) : res) }],
    [
      'cancel-shared-instant',
      'each child a cancel touches gets its own ended_at',
      {
        response: (req, res) =>
          is.cancelSuite(req) && res.status === 200
            ? mapJson(res, (b) => b.runs.filter((r: any) => r.status === 'cancelled').forEach((r: any, i: number) => (r.ended_at = new Date(Date.parse(r.ended_at) + i).toISOString())))
            : res,
      },
    ],
    ['auth-missing-credentials', 'a Basic credential is taken as the first key', { request: (req) => (req.headers.authorization?.startsWith('Basic') ? { ...req, headers: { ...req.headers, authorization: 'Bearer sk_test_alpha' } } : req) }],
    ['auth-revoked-key', 'the revoked key still works', { request: (req) => (req.headers.authorization === 'Bearer sk_test_revoked' ? { ...req, headers: { ...req.headers, authorization: 'Bearer sk_test_alpha' } } : req) }],
    ['auth-scheme-case-insensitive', 'only "Bearer" with a capital B is understood', { request: (req) => (req.headers.authorization?.startsWith('bearer ') ? { ...req, headers: { ...req.headers, authorization: '' } } : req) }],
    ['notfound-unknown-ids', 'an unknown suite id is 400', { response: (req, res) => (is.getSuite(req) && res.status === 404 ? jsonAnswer(400, envelope('bad_request')) : res) }],
    [
      'notfound-cancel-creates-nothing',
      'a 404 cancel makes the suite',
      {
        response: (req, res) => {
          const id = req.path.split('/')[5]!;
          if (is.cancelSuite(req) && res.status === 404) cancelled404.add(id);
          return is.getSuite(req) && cancelled404.has(id) ? jsonAnswer(200, { id, status: 'cancelled' }) : res;
        },
      },
    ],
    ['tenancy-other-workspace-run-404', "another workspace's test run is 403", { response: (req, res) => (is.getRun(req) && is.mainKey(req) && res.status === 404 ? jsonAnswer(403, envelope('forbidden')) : res) }],
    [
      'tenancy-absent-from-lists',
      "the other workspace's suites show up in this one's list",
      {
        response: (req, res) => {
          if (is.controlCreate(req) && req.headers.authorization === 'Bearer sk_test_bravo' && res.status === 201) otherSuites.push(JSON.parse(res.body));
          if (!is.list(req) || !is.mainKey(req) || res.status !== 200) return res;
          return mapJson(res, (b) => void b.suite_runs.unshift(...otherSuites.map(({ runs: _r, ...item }) => item)));
        },
      },
    ],
    ['tenancy-other-workspace-agents-and-tests', "Run All on another workspace's agent is 403", { response: (req, res) => (is.runAll(req) && res.status === 404 ? jsonAnswer(403, envelope('forbidden')) : res) }],
    ['ids-parent-link', 'a resubmitted suite names itself as its parent', { response: (req, res) => (is.resubmit(req) && res.status === 202 ? mapJson(res, (b) => void (b.parent_suite_run_id = b.id)) : res) }],
    ['ids-unique', 'Run All and batch answer the same suite id', { response: (req, res) => ((is.runAll(req) || is.batch(req)) && res.status === 202 ? mapJson(res, (b) => void (b.suite_run.id = SAME_ID)) : res) }],
    ['lifecycle-run-all-answer', 'Run All answers trigger batch', { response: (req, res) => (is.runAll(req) && res.status === 202 ? mapJson(res, (b) => void (b.suite_run.trigger = 'batch')) : res) }],
    ['lifecycle-batch-answer', 'a batch answers its runs in reverse order', { response: (req, res) => (is.batch(req) && res.status === 202 ? mapJson(res, (b) => void b.runs.reverse()) : res) }],
    ['lifecycle-batch-rejects-bad-entries', 'a bad batch entry is not named in fields', { response: (req, res) => (is.batch(req) && res.status === 400 ? mapJson(res, (b) => void (b.error.fields = { body: 'is invalid' })) : res) }],
    ['lifecycle-run-test-answer', 'running one test answers it running', { response: (req, res) => (is.runTest(req) && res.status === 202 ? mapJson(res, (b) => void Object.assign(b, { status: 'running', started_at: b.created_at })) : res) }],
    [
      'lifecycle-resubmit-inherits',
      "a resubmitted suite loses the parent's config_override (its answer and its GETs)",
      {
        response: (req, res) => {
          if (is.resubmit(req) && res.status === 202) return mapJson(res, (b) => void (resubmitted.add(b.id), (b.config_override = null)));
          return is.getSuite(req) && res.status === 200 && resubmitted.has(req.path.split('/')[5]!) ? mapJson(res, (b) => void (b.config_override = null)) : res;
        },
      },
    ],
    ['auth-control-interface', 'a control call without a key acts as the first workspace', { request: (req) => (is.control(req) && !req.headers.authorization ? { ...req, headers: { ...req.headers, authorization: 'Bearer sk_test_alpha' } } : req) }],
    ['lifecycle-resubmit-not-terminal', 'resubmit of a running suite is 400', { response: (req, res) => (is.resubmit(req) && res.status === 409 ? jsonAnswer(400, envelope('bad_request')) : res) }],
    ['lifecycle-list-order-and-pagination', 'each page is oldest first', { response: (req, res) => (is.list(req) && res.status === 200 ? mapJson(res, (b) => void b.suite_runs.reverse()) : res) }],
    ['lifecycle-list-rejects-bad-parameters', 'limit=0 is read as limit=1', { request: (req) => (is.list(req) && req.path.includes('limit=0') ? { ...req, path: req.path.replace('limit=0', 'limit=1') } : req) }],
    ['lifecycle-test-run-matches-suite-child', 'a run read alone has another created_at', { response: (req, res) => (is.getRun(req) && res.status === 200 ? mapJson(res, (b) => void (b.created_at = new Date(Date.parse(b.created_at) + 1000).toISOString())) : res) }],
    ['version-malformed-rejected', 'February 30th is accepted', { request: (req) => (req.headers['speechify-version'] === '2026-02-30' ? { ...req, headers: { ...req.headers, 'speechify-version': '2026-03-01' } } : req) }],
    ['version-valid-accepted', 'a date far ahead is refused', { request: (req) => (req.headers['speechify-version'] === '2099-12-31' ? jsonAnswer(400, envelope('invalid_api_version')) : req) }],
    [
      'derivation-every-representation',
      'list items of running suites read completed',
      { response: (req, res) => (is.list(req) && res.status === 200 ? mapJson(res, (b) => b.suite_runs.forEach((s: any) => s.status === 'running' && (s.status = 'completed'))) : res) },
    ],
  ];
}
