// The schema group's own traffic, so that `--only schema` has answers to judge: one valid call
// of every operation, and the error answers every API has (unknown route, wrong method, bad body).
import { OPERATIONS } from '../../api.ts';
import type { CheckContext } from '../../context.ts';
import { ownIds } from '../../discovery.ts';

/** Once per run, whichever schema check comes first (they all judge the same traffic). */
export async function probeEveryOperation(ctx: CheckContext): Promise<void> {
  let done = ctx.memo.get('schema-probe') as Promise<void> | undefined;
  if (!done) {
    done = probe(ctx);
    ctx.memo.set('schema-probe', done);
  }
  await done;
}

async function probe(ctx: CheckContext): Promise<void> {
  const ids = await ownIds(ctx);
  for (const op of OPERATIONS) await op.send(ctx.api, ids);
  await ctx.api.raw('GET', '/v1/agents/tests/no-such-thing');
  await ctx.api.raw('DELETE', '/v1/agents/tests/suite-runs');
  await ctx.api.runTestsBatch({ raw: '{"entries": [', contentType: 'application/json' });
  await ctx.api.runTestsBatch({ entries: [{ test_id: 'not-a-test-id' }] });
  await ctx.api.listSuiteRuns({ limit: 0 });
}

