// The schema group's own traffic, so that `--only schema` has answers to judge: one valid call
// of every operation, and the error answers every API has (unknown route, wrong method, bad body).
import { OPERATIONS } from '../../api.ts';
import type { CheckContext } from '../../context.ts';
import type { Exchange } from '../../http/exchange.ts';
import { ownIds } from '../../discovery.ts';
import { memoized } from '../../scenarios/suite-flow.ts';

/**
 * Once per run, whichever schema check comes first (they all judge the same traffic); every
 * schema check sees the probe's exchanges, whichever made them, so the run judges them alike
 * whatever order checks ran in.
 */
export async function probeEveryOperation(ctx: CheckContext): Promise<void> {
  await memoized(ctx, 'schema-probe', (exchanges) => probe(ctx, (e) => exchanges.push(e)));
}

async function probe(ctx: CheckContext, keep: (e: Exchange) => void): Promise<void> {
  const ids = await ownIds(ctx);
  for (const op of OPERATIONS) keep(await op.send(ctx.api, ids));
  keep(await ctx.api.raw('GET', '/v1/agents/tests/no-such-thing'));
  keep(await ctx.api.raw('DELETE', '/v1/agents/tests/suite-runs'));
  keep(await ctx.api.runTestsBatch({ raw: '{"entries": [', contentType: 'application/json' }));
  keep(await ctx.api.runTestsBatch({ entries: [{ test_id: 'not-a-test-id' }] }));
  keep(await ctx.api.listSuiteRuns({ limit: 0 }));
}
