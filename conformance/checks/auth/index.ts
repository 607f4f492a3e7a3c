// auth: every operation answers 401 (envelope, WWW-Authenticate: Bearer) to missing, malformed,
// unknown and revoked credentials, accepts the scheme word in any case, and decides
// authentication before anything else (401 wins over 404 and 400).
import { OPERATIONS, type PathIds } from '../../api.ts';
import type { CheckContext } from '../../context.ts';
import { ownIds } from '../../discovery.ts';
import type { Auth, Exchange } from '../../http/exchange.ts';
import { malformedVariants, unknownIds } from '../notfound/ids.ts';
import { expectStatus } from '../support.ts';
import type { CheckDefinition } from '../types.ts';
import { authControlInterface } from './control.ts';
import { authNearMissCredentials } from './near-miss.ts';
import { expectUnauthorized } from './unauthorized.ts';

const MISSING: { label: string; auth: Auth }[] = [
  { label: 'no Authorization header', auth: { header: null } },
  { label: 'an empty Authorization header', auth: { header: '' } },
  { label: 'a Basic credential', auth: { header: 'Basic dXNlcjpwYXNzd29yZA==' } },
  { label: '"Bearer" without a key', auth: { header: 'Bearer' } },
  { label: 'a key without a scheme', auth: { header: 'sk_test_no_scheme' } },
];

async function everyOperationRefuses(
  ctx: CheckContext,
  cases: { label: string; auth: Auth }[],
  ids?: PathIds,
): Promise<void> {
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
  await everyOperationRefuses(ctx, [
    { label: 'an unknown key', auth: { header: `Bearer sk_test_unknown_${ctx.nonce}` } },
  ]);
}

async function authRevokedKey(ctx: CheckContext): Promise<void> {
  await everyOperationRefuses(ctx, [{ label: 'a revoked key', auth: { role: 'revoked' } }]);
}

async function authSchemeCaseInsensitive(ctx: CheckContext): Promise<void> {
  const ids = await ownIds(ctx);
  for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
    const list = await ctx.api.listSuiteRuns({ limit: 1 }, { auth: { role: 'main', scheme } });
    expectStatus(
      list,
      200,
      `listSuiteRuns with the scheme word "${scheme}" (RFC 7235: case-insensitive)`,
      'listSuiteRuns',
    );
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
    ...(ctx.profile === 'stateless'
      ? []
      : [{ label: 'an unknown key', auth: { header: `Bearer sk_test_unknown_${ctx.nonce}` } }]),
  ];
  for (const { label, auth } of badKeys) {
    for (const op of OPERATIONS.filter((o) => o.lookup)) {
      expectUnauthorized(
        await op.send(ctx.api, unknown, { auth }),
        `${op.operationId} of an unknown id with ${label}`,
        op.operationId,
      );
    }
    const cases: [string, string, Promise<Exchange>][] = [
      ['getSuiteRun', 'a malformed id', ctx.api.getSuiteRun(malformed, { auth })],
      ['cancelSuiteRun', 'a malformed id', ctx.api.cancelSuiteRun(malformed, { auth })],
      [
        'listSuiteRuns',
        'a malformed Speechify-Version',
        ctx.api.listSuiteRuns({}, { auth, headers: { 'Speechify-Version': 'not-a-date' } }),
      ],
      ['listSuiteRuns', 'limit=0', ctx.api.listSuiteRuns({ limit: 0 }, { auth })],
      ['runTestsBatch', 'an invalid body', ctx.api.runTestsBatch({ entries: [] }, { auth })],
    ];
    for (const [operation, what, pending] of cases)
      expectUnauthorized(await pending, `${operation} with ${what} and ${label}`, operation);
  }
}

export const authChecks: CheckDefinition[] = [
  {
    id: 'auth-missing-credentials',
    group: 'auth',
    clause: 'auth-required',
    title: 'every operation answers 401 to a missing or malformed Authorization header',
    run: authMissingCredentials,
  },
  {
    id: 'auth-unknown-key',
    group: 'auth',
    clause: 'auth-required',
    title: 'every operation answers 401 to a key no workspace has',
    needs: ['state'],
    run: authUnknownKey,
  },
  {
    id: 'auth-revoked-key',
    group: 'auth',
    clause: 'auth-required',
    title: 'every operation answers 401 to a revoked key',
    needs: ['state', 'revoked-key'],
    run: authRevokedKey,
  },
  {
    id: 'auth-scheme-case-insensitive',
    group: 'auth',
    clause: 'auth-scheme',
    title: 'the scheme word is matched case-insensitively (bearer, BEARER)',
    run: authSchemeCaseInsensitive,
  },
  {
    id: 'auth-control-interface',
    group: 'auth',
    clause: 'control-auth',
    exclusive: true,
    title:
      'every control operation (make a suite, advance a run, reset) answers 401 without a key, with an unknown key and with the revoked key',
    needs: ['control'],
    withoutControl:
      'it checks the control interface itself (auth-missing-credentials, auth-unknown-key and auth-revoked-key cover the public operations)',
    run: authControlInterface,
  },
  {
    id: 'auth-near-miss-credentials',
    group: 'auth',
    clause: 'auth-required',
    title:
      'every operation answers 401 to a credential one step from a valid one: the key with a character more or less, in another case, under another scheme or none, with a second token, comma-joined with another',
    needs: ['state'],
    run: authNearMissCredentials,
  },
  {
    id: 'auth-decided-first',
    group: 'auth',
    clause: 'auth-first',
    title: 'without a valid key the answer is 401, even for unknown or malformed ids and bad input',
    run: authDecidedFirst,
  },
];
