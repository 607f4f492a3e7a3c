// One scenario, many checks: make a suite through the control interface, read it, find it in
// the list, cancel it, read it, cancel again, read again. Checks of derivation, cancel and
// idempotency look at the same scenario for the same generated spec, so the target does the
// work once per spec (memoized by the spec), and every check still shrinks on its own.
import type { CheckContext } from '../context.ts';
import type { SuiteSpec } from '../control.ts';
import type { Exchange } from '../http/exchange.ts';
import { suiteBody, type Rec } from '../checks/support.ts';
import { isRec } from '../oracle/derivation.ts';

export interface SuiteFlow {
  spec: SuiteSpec;
  created: Rec;
  before: Rec;
  /** The suite as a list item, when it was on the first page of its agent's list. */
  listed?: Rec;
  cancel1: Rec;
  after1: Rec;
  cancel2: Rec;
  after2: Rec;
  ex: Record<'created' | 'before' | 'list' | 'cancel1' | 'after1' | 'cancel2' | 'after2', Exchange>;
  exchanges: Exchange[];
}

export async function suiteFlow(ctx: CheckContext, spec: SuiteSpec): Promise<SuiteFlow> {
  return memoized(ctx, `suite-flow:${JSON.stringify(spec)}`, (exchanges) => runFlow(ctx, spec, exchanges));
}

/**
 * A scenario run once per key; every later use adds its exchanges to the current repro, also
 * when the scenario failed.
 */
export async function memoized<T>(ctx: CheckContext, key: string, make: (exchanges: Exchange[]) => Promise<T>): Promise<T> {
  let entry = ctx.memo.get(key) as { promise: Promise<T>; exchanges: Exchange[] } | undefined;
  if (!entry) {
    const exchanges: Exchange[] = [];
    entry = { promise: make(exchanges), exchanges };
    ctx.memo.set(key, entry as never);
  }
  try {
    return await entry.promise;
  } finally {
    ctx.adopt(entry.exchanges);
  }
}

async function runFlow(ctx: CheckContext, spec: SuiteSpec, exchanges: Exchange[]): Promise<SuiteFlow> {
  const control = ctx.control!;
  const keep = (e: Exchange) => (exchanges.push(e), e);
  const createdEx = keep(await control.createSuite(spec));
  const created = suiteBody(createdEx, 201, 'the control interface made no suite (POST /_control/suite-runs)', 'controlCreateSuiteRun');
  const id = String(created.id);
  ctx.own.add(id);
  const beforeEx = keep(await ctx.api.getSuiteRun(id));
  const before = suiteBody(beforeEx, 200, 'GET of a suite the run just made', 'getSuiteRun');
  const agent = typeof created.agent_id === 'string' ? created.agent_id : undefined;
  const listEx = keep(await ctx.api.listSuiteRuns({ ...(agent ? { agent_id: agent } : {}), limit: 20 }));
  const page = isRec(listEx.json) && Array.isArray(listEx.json.suite_runs) ? listEx.json.suite_runs.filter(isRec) : [];
  const listed = page.find((item) => item.id === id);
  const cancel1Ex = keep(await ctx.api.cancelSuiteRun(id));
  const cancel1 = suiteBody(cancel1Ex, 200, 'cancel of a suite the run made', 'cancelSuiteRun');
  const after1Ex = keep(await ctx.api.getSuiteRun(id));
  const after1 = suiteBody(after1Ex, 200, 'GET right after a cancel', 'getSuiteRun');
  const cancel2Ex = keep(await ctx.api.cancelSuiteRun(id));
  const cancel2 = suiteBody(cancel2Ex, 200, 'a second cancel', 'cancelSuiteRun');
  const after2Ex = keep(await ctx.api.getSuiteRun(id));
  const after2 = suiteBody(after2Ex, 200, 'GET right after the second cancel', 'getSuiteRun');
  return {
    spec,
    created,
    before,
    ...(listed ? { listed } : {}),
    cancel1,
    after1,
    cancel2,
    after2,
    ex: { created: createdEx, before: beforeEx, list: listEx, cancel1: cancel1Ex, after1: after1Ex, cancel2: cancel2Ex, after2: after2Ex },
    exchanges,
  };
}
