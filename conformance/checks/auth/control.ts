// The control interface authenticates like the public API: each of its three operations answers
// 401 (envelope, WWW-Authenticate: Bearer) without a key, with an unknown key and with the
// revoked key. Reset is only ever sent with such a key: a target that resets on it is exactly
// the bug this check reports (and its reset has then already happened).
import type { CheckContext } from '../../context.ts';
import type { Auth } from '../../http/exchange.ts';
import { runsOf, scenario, madeSuite } from '../support.ts';
import { expectUnauthorized } from './unauthorized.ts';

interface ControlCall {
  operationId: string;
  method: 'POST';
  path: string;
  body?: unknown;
}

function badKeys(ctx: CheckContext): { label: string; auth: Auth }[] {
  return [
    { label: 'no Authorization header', auth: { header: null } },
    { label: 'an unknown key', auth: { header: `Bearer sk_test_unknown_${ctx.nonce}` } },
    ...(ctx.options.keys.revoked ? [{ label: 'the revoked key', auth: { role: 'revoked' } as Auth }] : []),
  ];
}

export async function authControlInterface(ctx: CheckContext): Promise<void> {
  await scenario(ctx, async () => {
    // A pending child of the run's own: a target that skipped auth would really move it (200), not 404.
    const made = await ctx.control!.createSuite({ children: [{ status: 'pending' }] });
    const suite = madeSuite(made);
    ctx.own.add(String(suite.id));
    const runId = String(runsOf(suite)[0]?.id);
    const calls: ControlCall[] = [
      {
        operationId: 'controlCreateSuiteRun',
        method: 'POST',
        path: '/suite-runs',
        body: { children: [{ status: 'pending' }] },
      },
      { operationId: 'controlAdvanceRun', method: 'POST', path: `/runs/${runId}/advance`, body: { to: 'running' } },
      // Last: whatever a broken target does with it, the calls above were judged first.
      { operationId: 'controlReset', method: 'POST', path: '/reset' },
    ];
    for (const call of calls) {
      for (const { label, auth } of badKeys(ctx)) {
        const exchange = await ctx.http.send({
          api: 'control',
          method: call.method,
          path: call.path,
          auth,
          ...(call.body !== undefined ? { body: call.body } : {}),
        });
        expectUnauthorized(
          exchange,
          `${call.operationId} (POST /_control${call.path}) with ${label}`,
          call.operationId,
        );
      }
    }
  });
}
