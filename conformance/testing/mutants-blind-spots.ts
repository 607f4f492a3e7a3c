// The blind spots of issue 9 §3: bug classes that real implementations ship, each as a proxy
// mutation in front of the reference server, with the check that must catch it and the rule
// it breaks. Used by test/conformance-blind-spots.test.ts and by the coverage test. A mutation
// may keep state (ids it saw, cursors it issued): blindSpotMutants() makes fresh ones per call.
import { DEFAULT_KEYS } from '../options.ts';
import { jsonAnswer, mapJson, type Mutation, type ProxiedRequest, type ProxiedResponse } from './mutant-proxy.ts';

export interface BlindSpotMutant {
  /** The check that must fail. */
  check: string;
  /** The rule of that check the mutant breaks. */
  rule: string;
  /** What the mutant breaks, as a sentence. */
  breaks: string;
  mutation: Mutation;
  /** Other checks to run in the same selection. */
  alsoRun?: string[];
}

const MAIN = DEFAULT_KEYS.main;
const OTHER = DEFAULT_KEYS.other;
const VALID_KEYS = [MAIN, OTHER];
const SUITES = '/v1/agents/tests/suite-runs';

const pathOf = (r: ProxiedRequest) => r.path.split('?')[0]!;
const queryOf = (r: ProxiedRequest) => new URLSearchParams(r.path.split('?')[1] ?? '');
const is = {
  suiteList: (r: ProxiedRequest) => r.method === 'GET' && pathOf(r) === SUITES,
  runList: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/test_[^/]+\/runs$/.test(pathOf(r)),
  getSuite: (r: ProxiedRequest) => r.method === 'GET' && /^\/v1\/agents\/tests\/suite-runs\/[^/]+$/.test(pathOf(r)),
  cancelSuite: (r: ProxiedRequest) => r.method === 'POST' && /^\/v1\/agents\/tests\/suite-runs\/[^/]+\/cancel$/.test(pathOf(r)),
  resubmit: (r: ProxiedRequest) => r.method === 'POST' && /^\/v1\/agents\/tests\/suite-runs\/[^/]+\/resubmit$/.test(pathOf(r)),
  cancelRun: (r: ProxiedRequest) => r.method === 'POST' && /^\/v1\/agents\/tests\/runs\/[^/]+\/cancel$/.test(pathOf(r)),
  batch: (r: ProxiedRequest) => r.method === 'POST' && pathOf(r) === '/v1/agents/tests/runs/batch',
  runTest: (r: ProxiedRequest) => r.method === 'POST' && /^\/v1\/agents\/tests\/test_[^/]+\/runs$/.test(pathOf(r)),
  advance: (r: ProxiedRequest) => r.method === 'POST' && /^\/_control\/runs\/[^/]+\/advance$/.test(pathOf(r)),
  controlCreate: (r: ProxiedRequest) => r.method === 'POST' && pathOf(r) === '/_control/suite-runs',
};
const idAt = (r: ProxiedRequest, index: number) => pathOf(r).split('/')[index]!;
const keyOf = (r: ProxiedRequest) => /^Bearer (\S+)$/.exec(r.headers.authorization ?? '')?.[1];
const withAuth = (r: ProxiedRequest, header: string): ProxiedRequest => ({ ...r, headers: { ...r.headers, authorization: header } });
const envelope = (code: string) => ({ error: { code, message: 'mutant' }, request_id: 'req_mutant' });
const notFound = () => jsonAnswer(404, envelope('not_found'));

/** Rewrites the Authorization value when `to` finds a valid key in it (the near-miss mutants). */
function authAs(to: (header: string) => string | undefined): Mutation {
  return {
    request: (req) => {
      const header = req.headers.authorization;
      const key = header === undefined ? undefined : to(header);
      return key ? withAuth(req, `Bearer ${key}`) : req;
    },
  };
}

function authMutants(): BlindSpotMutant[] {
  const token = (h: string) => /^\s*\S+\s+(\S+)/.exec(h)?.[1] ?? '';
  const near = 'auth-near-miss-credentials';
  return [
    { check: near, rule: 'key-suffix', breaks: 'a token that starts with a valid key is that key (prefix match on the stored key)', mutation: authAs((h) => VALID_KEYS.find((k) => token(h) !== k && token(h).startsWith(k))) },
    { check: near, rule: 'key-prefix', breaks: 'a token the stored key starts with is accepted (a LIKE "token%" lookup)', mutation: authAs((h) => VALID_KEYS.find((k) => token(h).length > 8 && token(h) !== k && k.startsWith(token(h)))) },
    { check: near, rule: 'key-prefixed', breaks: 'the key is searched anywhere in the header (an unanchored regex)', mutation: authAs((h) => VALID_KEYS.find((k) => h.includes(`x${k}`))) },
    { check: near, rule: 'key-case', breaks: 'keys are compared case-insensitively', mutation: authAs((h) => VALID_KEYS.find((k) => /^bearer$/i.test(h.trim().split(/\s+/)[0] ?? '') && token(h) !== k && token(h).toLowerCase() === k.toLowerCase())) },
    { check: near, rule: 'other-scheme', breaks: 'the scheme word is not looked at (Basic and Token work like Bearer)', mutation: authAs((h) => VALID_KEYS.find((k) => /^(Basic|Token) /.test(h) && token(h) === k)) },
    { check: near, rule: 'no-scheme', breaks: 'a header that is only the key is taken as the key', mutation: authAs((h) => VALID_KEYS.find((k) => h.trim() === k)) },
    { check: near, rule: 'second-token', breaks: 'only the second space-separated word is read (split(" ")[1]), so a trailing token is ignored', mutation: authAs((h) => VALID_KEYS.find((k) => h.split(' ')[0] === 'Bearer' && h.split(' ')[1] === k && h.split(' ').length > 2 && h.split(' ')[2] !== '')) },
    { check: near, rule: 'joined-credentials', breaks: 'of comma-joined credentials, the first is used (two Authorization headers, first wins after a join)', mutation: authAs((h) => VALID_KEYS.find((k) => h.includes(',') && h.split(',')[0]!.trim() === `Bearer ${k}`)) },
    { check: near, rule: 'joined-credentials', breaks: 'of comma-joined credentials, any valid one is used', mutation: authAs((h) => VALID_KEYS.find((k) => h.includes(',') && h.split(',').some((part) => part.trim() === `Bearer ${k}`))) },
    {
      check: 'auth-equivalent-credentials-accepted',
      rule: 'several-spaces',
      breaks: 'the key is read as split(" ")[1], so two spaces after Bearer make it empty (401)',
      mutation: { request: (req) => (/^Bearer {2,}\S/.test(req.headers.authorization ?? '') ? withAuth(req, 'Bearer ') : req) },
    },
    {
      check: 'auth-missing-credentials',
      rule: 'challenge',
      breaks: 'a 401 comes without WWW-Authenticate: Bearer',
      mutation: { response: (_req, res) => (res.status === 401 ? { ...res, headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => k !== 'www-authenticate')) } : res) },
    },
    {
      check: 'auth-unknown-key',
      rule: 'code',
      breaks: 'an unknown key answers 403 forbidden instead of 401',
      mutation: { response: (req, res) => (res.status === 401 && (req.headers.authorization ?? '').includes('unknown') ? jsonAnswer(403, envelope('forbidden')) : res) },
    },
  ];
}

/** Every blind-spot mutant, with fresh state. */
export function blindSpotMutants(): BlindSpotMutant[] {
  return [...authMutants()];
}
