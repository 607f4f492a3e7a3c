// auth: every operation answers 401 (envelope, WWW-Authenticate: Bearer) to missing, malformed,
// unknown and revoked credentials, accepts the scheme word in any case, and decides
// authentication before anything else (401 wins over 404 and 400).
import { OPERATIONS, type PathIds } from '../../api.ts';
import type { CheckContext } from '../../context.ts';
import { ownIds } from '../../discovery.ts';
import type { Auth, Exchange } from '../../http/exchange.ts';
import { isRec } from '../../oracle/derivation.ts';
import { malformedVariants, unknownIds } from '../notfound/ids.ts';
import { describeAnswer, expectStatus, fail } from '../support.ts';
import type { CheckDefinition } from '../types.ts';

export function expectUnauthorized(exchange: Exchange, what: string, operation: string): void {
  if (exchange.status !== 401) fail(`${what}: expected 401, got ${describeAnswer(exchange)}`, [exchange], operation);
  const code = isRec(exchange.json) && isRec(exchange.json.error) ? exchange.json.error.code : undefined;
  if (code !== 'unauthorized') fail(`${what}: 401 without the envelope's code "unauthorized" (got ${JSON.stringify(code)})`, [exchange], operation);
  const challenge = exchange.responseHeaders['www-authenticate'];
  if (!challenge || !/^bearer\b/i.test(challenge)) fail(`${what}: 401 without WWW-Authenticate: Bearer (got ${JSON.stringify(challenge ?? null)})`, [exchange], operation);
}

const MISSING: { label: string; auth: Auth }[] = [
  { label: 'no Authorization header', auth: { header: null } },
  { label: 'an empty Authorization header', auth: { header: '' } },
  { label: 'a Basic credential', auth: { header: 'Basic dXNlcjpwYXNzd29yZA==' } },
  { label: '"Bearer" without a key', auth: { header: 'Bearer' } },
  { label: 'a key without a scheme', auth: { header: 'sk_test_no_scheme' } },
];

async function everyOperationRefuses(ctx: CheckContext, cases: { label: string; auth: Auth }[], ids?: PathIds): Promise<void> {
  const owned = ids ?? (await ownIds(ctx));
  for (const op of OPERATIONS) {
    for (const { label, auth } of cases) {
      const exchange = await op.send(ctx.api, owned, { auth });
      expectUnauthorized(exchange, `${op.operationId} with ${label}`, op.operationId);
    }
  }
}

async function authMissingCredentials(ctx: CheckContext): Promise<void> {
  await everyOperationRefuses(ctx, MISSING);
}

async function authUnknownKey(ctx: CheckContext): Promise<void> {
  await everyOperationRefuses(ctx, [{ label: 'an unknown key', auth: { header: `Bearer sk_test_unknown_${ctx.nonce}` } }]);
}

async function authRevokedKey(ctx: CheckContext): Promise<void> {
  await everyOperationRefuses(ctx, [{ label: 'a revoked key', auth: { role: 'revoked' } }]);
}

async function authSchemeCaseInsensitive(ctx: CheckContext): Promise<void> {
  const ids = await ownIds(ctx);
  for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
    const list = await ctx.api.listSuiteRuns({ limit: 1 }, { auth: { role: 'main', scheme } });
    expectStatus(list, 200, `listSuiteRuns with the scheme word "${scheme}" (RFC 7235: case-insensitive)`, 'listSuiteRuns');
    const got = await ctx.api.getSuiteRun(ids.suiteRunId, { auth: { role: 'main', scheme } });
    expectStatus(got, 200, `getSuiteRun with the scheme word "${scheme}"`, 'getSuiteRun');
  }
}

/** Requests that would be 404 or 400 with a valid key: without one they must be 401. */
async function authDecidedFirst(ctx: CheckContext): Promise<void> {
  const unknown = unknownIds();
  const malformed = malformedVariants(unknown.suiteRunId)[0]!.value;
  const badKeys: { label: string; auth: Auth }[] = [
    { label: 'no Authorization header', auth: { header: null } },
    // Which keys exist is the target's state: a stateless mock cannot know.
    ...(ctx.profile === 'stateless' ? [] : [{ label: 'an unknown key', auth: { header: `Bearer sk_test_unknown_${ctx.nonce}` } }]),
  ];
  for (const { label, auth } of badKeys) {
    for (const op of OPERATIONS.filter((o) => o.lookup)) {
      expectUnauthorized(await op.send(ctx.api, unknown, { auth }), `${op.operationId} of an unknown id with ${label}`, op.operationId);
    }
    const cases: [string, string, Promise<Exchange>][] = [
      ['getSuiteRun', 'a malformed id', ctx.api.getSuiteRun(malformed, { auth })],
      ['cancelSuiteRun', 'a malformed id', ctx.api.cancelSuiteRun(malformed, { auth })],
      ['listSuiteRuns', 'a malformed Speechify-Version', ctx.api.listSuiteRuns({}, { auth, headers: { 'Speechify-Version': 'not-a-date' } })],
      ['listSuiteRuns', 'limit=0', ctx.api.listSuiteRuns({ limit: 0 }, { auth })],
      ['runTestsBatch', 'an invalid body', ctx.api.runTestsBatch({ entries: [] }, { auth })],
    ];
    for (const [operation, what, pending] of cases) expectUnauthorized(await pending, `${operation} with ${what} and ${label}`, operation);
  }
}

export const authChecks: CheckDefinition[] = [
  { id: 'auth-missing-credentials', group: 'auth', title: 'every operation answers 401 to a missing or malformed Authorization header', run: authMissingCredentials },
  { id: 'auth-unknown-key', group: 'auth', title: 'every operation answers 401 to a key no workspace has', needs: ['state'], run: authUnknownKey },
  { id: 'auth-revoked-key', group: 'auth', title: 'every operation answers 401 to a revoked key', needs: ['state', 'revoked-key'], run: authRevokedKey },
  { id: 'auth-scheme-case-insensitive', group: 'auth', title: 'the scheme word is matched case-insensitively (bearer, BEARER)', run: authSchemeCaseInsensitive },
  { id: 'auth-decided-first', group: 'auth', title: 'without a valid key the answer is 401, even for unknown or malformed ids and bad input', run: authDecidedFirst },
];
