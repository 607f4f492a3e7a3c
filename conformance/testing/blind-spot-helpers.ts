// What the blind-spot mutants share: request predicates, the keys they know, the ids they saw
// the other workspace get, and the reference server's cursor encoding (a test double may know it).
import { DEFAULT_KEYS } from '../options.ts';
import { jsonAnswer, mapJson, type Mutation, type ProxiedRequest, type ProxiedResponse } from './mutant-proxy.ts';

export const MAIN = DEFAULT_KEYS.main;
const OTHER = DEFAULT_KEYS.other;
export const VALID_KEYS = [MAIN, OTHER];
const SUITES = '/v1/agents/tests/suite-runs';

const pathOf = (r: ProxiedRequest) => r.path.split('?')[0]!;
export const queryOf = (r: ProxiedRequest) => new URLSearchParams(r.path.split('?')[1] ?? '');
export const is = {
  suiteList: (r: ProxiedRequest) => r.method === 'GET' && pathOf(r) === SUITES,
  runList: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/test_[^/]+\/runs$/.test(pathOf(r)),
  getSuite: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/suite-runs\/[^/]+$/.test(pathOf(r)),
  cancelSuite: (r: ProxiedRequest) =>
    r.method === 'POST' && /^\/v1\/agents\/tests\/suite-runs\/[^/]+\/cancel$/.test(pathOf(r)),
  resubmit: (r: ProxiedRequest) =>
    r.method === 'POST' && /^\/v1\/agents\/tests\/suite-runs\/[^/]+\/resubmit$/.test(pathOf(r)),
  cancelRun: (r: ProxiedRequest) => r.method === 'POST' && /^\/v1\/agents\/tests\/runs\/[^/]+\/cancel$/.test(pathOf(r)),
  batch: (r: ProxiedRequest) => r.method === 'POST' && pathOf(r) === '/v1/agents/tests/runs/batch',
  runTest: (r: ProxiedRequest) => r.method === 'POST' && /^\/v1\/agents\/tests\/test_[^/]+\/runs$/.test(pathOf(r)),
  advance: (r: ProxiedRequest) => r.method === 'POST' && /^\/_control\/runs\/[^/]+\/advance$/.test(pathOf(r)),
  controlCreate: (r: ProxiedRequest) => r.method === 'POST' && pathOf(r) === '/_control/suite-runs',
};
export const idAt = (r: ProxiedRequest, index: number) => pathOf(r).split('/')[index]!;
export const keyOf = (r: ProxiedRequest) => /^Bearer (\S+)$/.exec(r.headers.authorization ?? '')?.[1];
export const withAuth = (r: ProxiedRequest, header: string): ProxiedRequest => ({
  ...r,
  headers: { ...r.headers, authorization: header },
});
export const envelope = (code: string) => ({ error: { code, message: 'mutant' }, request_id: 'req_mutant' });
const notFound = () => jsonAnswer(404, envelope('not_found'));

/** The ids (suites, runs, agents) found in the answers the other workspace's key got. */
export function otherWorkspaceIds() {
  const ids = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string' && /^(srun|run|agent|test)_[0-9A-Z]{26}$/.test(value)) ids.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  return {
    owns: (id: string | undefined) => id !== undefined && ids.has(id),
    see(req: ProxiedRequest, res: ProxiedResponse): void {
      if (keyOf(req) !== OTHER || res.status >= 300) return;
      try {
        collect(JSON.parse(res.body));
      } catch {
        // not JSON: nothing to learn
      }
    },
  };
}

const LEAKED = 'x-mutant-leaked';

/** A write under another workspace's id is carried out in the owner's workspace, and answered 404. */
export function leakedWrite(matches: (req: ProxiedRequest) => boolean, idIndex: number): Mutation {
  const other = otherWorkspaceIds();
  return {
    request: (req) =>
      keyOf(req) === MAIN && matches(req) && other.owns(idAt(req, idIndex))
        ? {
            ...withAuth(req, `Bearer ${OTHER}`),
            headers: { ...req.headers, authorization: `Bearer ${OTHER}`, [LEAKED]: '1' },
          }
        : req,
    response: (req, res) => {
      other.see(req, res);
      return req.headers[LEAKED] ? notFound() : res;
    },
  };
}

/** Idempotency records kept per key string alone: another workspace's use finds this one's record. */
export function sharedIdempotency(onOther: (stored: ProxiedResponse) => ProxiedResponse): Mutation {
  const records = new Map<string, { auth: string; res: ProxiedResponse }>();
  return {
    request: (req) => {
      const key = req.headers['idempotency-key'];
      const record = key === undefined ? undefined : records.get(key);
      return record && record.auth !== req.headers.authorization ? onOther(record.res) : req;
    },
    response: (req, res) => {
      const key = req.headers['idempotency-key'];
      if (key !== undefined && res.status >= 200 && res.status < 300 && !records.has(key))
        records.set(key, { auth: req.headers.authorization ?? '', res });
      return res;
    },
  };
}

// The reference server's cursor is base64url JSON of the last item's {t, id}; a mutant may mint one.
export const encodeCursor = (item: { created_at: string; id: string }) =>
  Buffer.from(JSON.stringify({ t: item.created_at, id: item.id })).toString('base64url');
export const decodeCursor = (cursor: string): { t?: string; id?: string } => {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t?: string; id?: string };
  } catch {
    return {};
  }
};

export type Item = { id: string; created_at: string };
export type Page = { next_cursor: string | null; has_more: boolean; suite_runs?: Item[]; runs?: Item[] };
export const isList = (r: ProxiedRequest) => is.suiteList(r) || is.runList(r);
export const limitOf = (r: ProxiedRequest) => Number(queryOf(r).get('limit') ?? 50);

/** Rewrites list pages: `change` gets the page, its items (in place) and the request. */
export function onPages(change: (page: Page, items: Item[], req: ProxiedRequest) => void): Mutation {
  return {
    response: (req, res) =>
      isList(req) && res.status === 200 ? mapJson(res, (b: Page) => change(b, (b.suite_runs ?? b.runs)!, req)) : res,
  };
}

export function setQuery(req: ProxiedRequest, change: (q: URLSearchParams) => void): ProxiedRequest {
  const q = queryOf(req);
  change(q);
  return { ...req, path: `${pathOf(req)}?${q.toString()}` };
}

export type Run = { id: string; status: string; verdict: string | null; ended_at: string | null };
export type Suite = Record<string, unknown> & {
  id: string;
  runs?: Run[];
  ended_at: string | null;
  results?: { passed: number; failed: number };
};
export const withRuns = (r: ProxiedRequest) =>
  is.getSuite(r) || is.cancelSuite(r) || is.resubmit(r) || is.controlCreate(r);

/** The counters the rules give these children. */
export function countersOf(runs: ReadonlyArray<{ status: string; verdict?: string | null }>) {
  const count = (status: string) => runs.filter((r) => r.status === status).length;
  const completed = runs.filter((r) => r.status === 'completed');
  return {
    total: runs.length,
    pending: count('pending'),
    running: count('running'),
    completed: count('completed'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    results: {
      passed: completed.filter((r) => r.verdict === 'passed').length,
      failed: completed.filter((r) => r.verdict === 'failed').length,
    },
  };
}
