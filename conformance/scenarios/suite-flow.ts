// One scenario, many checks: make a suite, read it, find it in the list, cancel it, read it,
// cancel again, read again. Checks of derivation, cancel and idempotency look at the same
// scenario for the same generated spec, so the target does the work once per spec (memoized),
// and every check still shrinks on its own. Without a control interface the suites come from
// Run All or batch (the black-box profile), a few per run.
import type fc from 'fast-check';
import type { CheckContext } from '../context.ts';
import type { SuiteSpec } from '../control.ts';
import type { Exchange } from '../http/exchange.ts';
import { expectStatus, scenario, suiteBody, type Rec } from '../checks/support.ts';
import { isRec, type RepresentationKind } from '../oracle/derivation.ts';
import { setupStep, SKIP } from '../errors.ts';
import { describeSpec } from './arbitraries.ts';

export interface SuiteFlow {
  /** The generated spec (control profile); absent for a Run All or batch suite. */
  spec?: SuiteSpec;
  /** Names the scenario in messages. */
  label: string;
  /** The suite in the creation answer: with runs (control) or embedded without (Run All, batch). */
  created: Rec;
  createdKind: RepresentationKind;
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

/** The scenario name of properties over suite flows: they draw the same specs, so each flow is made once. */
export const SUITE_FLOW = 'suite-flow';

/** At least this long between making a suite and cancelling it, and between two cancels. */
const CLOCK_STEP_MS = 2;

async function sleepSince(since: number, ms: number): Promise<void> {
  const left = since + ms - performance.now();
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
}

/** Suites made per check in the black-box profile (each Run All queues all the agent's tests). */
export const BLACK_BOX_SUITES = 3;

export async function suiteFlow(ctx: CheckContext, spec: SuiteSpec): Promise<SuiteFlow> {
  return memoized(ctx, `suite-flow:${JSON.stringify(spec)}`, (exchanges) => runFlow(ctx, exchanges, { spec }));
}

async function blackBoxFlow(ctx: CheckContext, index: number): Promise<SuiteFlow> {
  return memoized(ctx, `black-box-flow:${index}`, (exchanges) => runFlow(ctx, exchanges, { index }));
}

/**
 * The same body over generated suites (control: a property that shrinks) or over a few Run All
 * and batch suites (black box).
 */
export async function forEachFlow<T extends SuiteSpec>(
  ctx: CheckContext,
  arb: fc.Arbitrary<T>,
  body: (flow: SuiteFlow) => void | Promise<void>,
): Promise<void> {
  if (ctx.control) return ctx.property(arb, async (spec) => body(await suiteFlow(ctx, spec)), { scenario: SUITE_FLOW });
  for (let i = 0; i < BLACK_BOX_SUITES; i++) await scenario(ctx, async () => body(await blackBoxFlow(ctx, i)));
}

/**
 * A scenario run once per key; every later use adds its exchanges to the current repro, also
 * when the scenario failed.
 */
export async function memoized<T>(
  ctx: CheckContext,
  key: string,
  make: (exchanges: Exchange[]) => Promise<T>,
): Promise<T> {
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

async function make(ctx: CheckContext, keep: (e: Exchange) => Exchange, source: { spec?: SuiteSpec; index?: number }) {
  if (source.spec) {
    const exchange = keep(await ctx.control!.createSuite(source.spec));
    const created = suiteBody(
      exchange,
      201,
      'the control interface made no suite (POST /_control/suite-runs)',
      'controlCreateSuiteRun',
    );
    return { exchange, created, kind: 'with-runs' as const, label: describeSpec(source.spec) };
  }
  const { agentId, testIds } = await ctx.resources();
  const useBatch = !agentId || (testIds.length > 0 && (source.index ?? 0) % 2 === 1);
  if (!agentId && !testIds.length) ctx.skip(SKIP.NO_CREATION);
  const exchange = keep(
    useBatch
      ? await ctx.api.runTestsBatch({ entries: testIds.slice(0, 5).map((test_id) => ({ test_id })) })
      : await ctx.api.runAllTests(agentId!),
  );
  const operation = useBatch ? 'runTestsBatch' : 'runAllTests';
  const body = expectStatus(exchange, 202, useBatch ? 'a batch' : `Run All on ${agentId}`, operation);
  if (!isRec(body.suite_run))
    ctx.skip(`Run All on ${agentId} queued nothing (the agent has no tests): pass another --agent-id`);
  return {
    exchange,
    created: body.suite_run,
    kind: 'creation' as const,
    label: `${useBatch ? 'batch' : 'Run All'} suite #${source.index}`,
  };
}

async function runFlow(
  ctx: CheckContext,
  exchanges: Exchange[],
  source: { spec?: SuiteSpec; index?: number },
): Promise<SuiteFlow> {
  const keep = (e: Exchange) => {
    exchanges.push(e);
    return e;
  };
  const made = await setupStep('making the suite', () => make(ctx, keep, source));
  const id = String(made.created.id);
  ctx.own.add(id);
  const beforeEx = keep(await ctx.api.getSuiteRun(id));
  const before = suiteBody(beforeEx, 200, 'GET of a suite the run just made', 'getSuiteRun');
  const agent = typeof made.created.agent_id === 'string' ? made.created.agent_id : undefined;
  const listEx = keep(await ctx.api.listSuiteRuns({ ...(agent ? { agent_id: agent } : {}), limit: 20 }));
  const page = isRec(listEx.json) && Array.isArray(listEx.json.suite_runs) ? listEx.json.suite_runs.filter(isRec) : [];
  const listed = page.find((item) => item.id === id);
  // Let the clock move between steps: a cancel that rewrites ended_at it should keep is only
  // visible when "now" differs from the instant it overwrites.
  await sleepSince(made.exchange.endedAt, CLOCK_STEP_MS);
  const cancel1Ex = keep(await ctx.api.cancelSuiteRun(id));
  const cancel1 = suiteBody(cancel1Ex, 200, 'cancel of a suite the run made', 'cancelSuiteRun');
  const after1Ex = keep(await ctx.api.getSuiteRun(id));
  const after1 = suiteBody(after1Ex, 200, 'GET right after a cancel', 'getSuiteRun');
  await sleepSince(cancel1Ex.endedAt, CLOCK_STEP_MS);
  const cancel2Ex = keep(await ctx.api.cancelSuiteRun(id));
  const cancel2 = suiteBody(cancel2Ex, 200, 'a second cancel', 'cancelSuiteRun');
  const after2Ex = keep(await ctx.api.getSuiteRun(id));
  const after2 = suiteBody(after2Ex, 200, 'GET right after the second cancel', 'getSuiteRun');
  return {
    ...(source.spec ? { spec: source.spec } : {}),
    label: made.label,
    created: made.created,
    createdKind: made.kind,
    before,
    ...(listed ? { listed } : {}),
    cancel1,
    after1,
    cancel2,
    after2,
    ex: {
      created: made.exchange,
      before: beforeEx,
      list: listEx,
      cancel1: cancel1Ex,
      after1: after1Ex,
      cancel2: cancel2Ex,
      after2: after2Ex,
    },
    exchanges,
  };
}
