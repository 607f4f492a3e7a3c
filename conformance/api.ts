// The public operations as small functions over the recording HTTP layer. Path ids are put in
// as given (the notfound checks send malformed ones on purpose); answers come back as exchanges.
import type { Auth, Exchange, HttpClient } from './http/exchange.ts';

export interface CallOptions {
  auth?: Auth;
  headers?: Record<string, string>;
}

export interface ListQuery {
  agent_id?: string;
  cursor?: string;
  limit?: number | string;
}

const SUITES = '/v1/agents/tests/suite-runs';
const RUNS = '/v1/agents/tests/runs';

function query(params: Record<string, unknown> = {}): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined);
  if (!entries.length) return '';
  return `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
}

export function createApi(http: HttpClient) {
  const call = (method: string, path: string, opts: CallOptions = {}, body?: unknown): Promise<Exchange> =>
    http.send({
      method,
      path,
      ...(opts.auth ? { auth: opts.auth } : {}),
      ...(opts.headers ? { headers: opts.headers } : {}),
      ...(body !== undefined ? { body } : {}),
    });
  return {
    listSuiteRuns: (q: ListQuery = {}, opts?: CallOptions) => call('GET', `${SUITES}${query({ ...q })}`, opts),
    getSuiteRun: (id: string, opts?: CallOptions) => call('GET', `${SUITES}/${id}`, opts),
    cancelSuiteRun: (id: string, opts?: CallOptions) => call('POST', `${SUITES}/${id}/cancel`, opts),
    resubmitSuiteRun: (id: string, opts?: CallOptions) => call('POST', `${SUITES}/${id}/resubmit`, opts),
    runAllTests: (agentId: string, body?: unknown, opts?: CallOptions) =>
      call('POST', `/v1/agents/${agentId}/tests/runs`, opts, body),
    runTestsBatch: (body: unknown, opts?: CallOptions) => call('POST', `${RUNS}/batch`, opts, body),
    getTestRun: (id: string, opts?: CallOptions) => call('GET', `${RUNS}/${id}`, opts),
    cancelTestRun: (id: string, opts?: CallOptions) => call('POST', `${RUNS}/${id}/cancel`, opts),
    runTest: (testId: string, body?: unknown, opts?: CallOptions) =>
      call('POST', `/v1/agents/tests/${testId}/runs`, opts, body),
    listTestRuns: (testId: string, q: ListQuery = {}, opts?: CallOptions) =>
      call('GET', `/v1/agents/tests/${testId}/runs${query({ ...q })}`, opts),
    /** Any request, for the checks that send what no operation expects. */
    raw: (method: string, path: string, opts: CallOptions = {}, body?: unknown) => call(method, path, opts, body),
  };
}

export type ApiClient = ReturnType<typeof createApi>;

/** The ids an operation's path needs. */
export interface PathIds {
  suiteRunId: string;
  testRunId: string;
  testId: string;
  agentId: string;
}

export interface OperationCall {
  operationId: string;
  /** Which path id the operation looks up (for the notfound and auth-first checks). */
  lookup?: keyof PathIds;
  send(api: ApiClient, ids: PathIds, opts?: CallOptions): Promise<Exchange>;
}

/** Every public operation with a harmless valid request (given ids the run owns). */
export const OPERATIONS: OperationCall[] = [
  { operationId: 'listSuiteRuns', send: (api, _ids, o) => api.listSuiteRuns({ limit: 1 }, o) },
  { operationId: 'getSuiteRun', lookup: 'suiteRunId', send: (api, ids, o) => api.getSuiteRun(ids.suiteRunId, o) },
  { operationId: 'cancelSuiteRun', lookup: 'suiteRunId', send: (api, ids, o) => api.cancelSuiteRun(ids.suiteRunId, o) },
  {
    operationId: 'resubmitSuiteRun',
    lookup: 'suiteRunId',
    send: (api, ids, o) => api.resubmitSuiteRun(ids.suiteRunId, o),
  },
  { operationId: 'runAllTests', lookup: 'agentId', send: (api, ids, o) => api.runAllTests(ids.agentId, undefined, o) },
  { operationId: 'runTestsBatch', send: (api, ids, o) => api.runTestsBatch({ entries: [{ test_id: ids.testId }] }, o) },
  { operationId: 'getTestRun', lookup: 'testRunId', send: (api, ids, o) => api.getTestRun(ids.testRunId, o) },
  { operationId: 'cancelTestRun', lookup: 'testRunId', send: (api, ids, o) => api.cancelTestRun(ids.testRunId, o) },
  { operationId: 'runTest', lookup: 'testId', send: (api, ids, o) => api.runTest(ids.testId, undefined, o) },
  {
    operationId: 'listTestRuns',
    lookup: 'testId',
    send: (api, ids, o) => api.listTestRuns(ids.testId, { limit: 1 }, o),
  },
];
