// Which agent, tests, suites and runs a check may use. The kit never assumes fixture ids: with
// the control interface it makes its own; without, it takes --agent-id/--test-id, or reads
// them off the first list page (reading changes nothing).
import type { CheckContext, Resources } from './context.ts';
import type { Exchange } from './http/exchange.ts';
import type { KeyRole } from './http/exchange.ts';
import { isRec } from './oracle/derivation.ts';
import { setupStep, SKIP } from './errors.ts';
import type { PathIds } from './api.ts';
import { unknownIds } from './checks/notfound/ids.ts';
import { expectStatus, madeSuite, runsOf, suiteBody, type Rec } from './checks/support.ts';

/** The suite the control probe made: it names an agent and a test of the workspace. */
function resourcesFromSuite(suite: Rec, source: string, owned: boolean): Resources {
  const runs = runsOf(suite);
  return {
    ...(typeof suite.agent_id === 'string' ? { agentId: suite.agent_id } : {}),
    testIds: [...new Set(runs.map((r) => String(r.test_id)))],
    suiteRunId: String(suite.id),
    ...(runs[0] ? { testRunId: String(runs[0].id) } : {}),
    owned,
    source,
  };
}

export async function discoverWithControl(ctx: CheckContext, role: KeyRole): Promise<Resources> {
  const made = await ctx.control!.createSuite(
    { children: [{ status: 'running' }, { status: 'completed', verdict: 'failed' }] },
    role,
  );
  const suite = madeSuite(made);
  if (role === 'main') ctx.own.add(String(suite.id));
  const found = resourcesFromSuite(suite, `made through the control interface (${role} workspace)`, true);
  if (role === 'main' && ctx.options.agentId) found.agentId = ctx.options.agentId;
  if (role === 'main' && ctx.options.testIds.length) found.testIds = ctx.options.testIds;
  return found;
}

export async function discoverBlackBox(ctx: CheckContext): Promise<Resources> {
  const { agentId, testIds } = ctx.options;
  if (agentId || testIds.length) {
    return { ...(agentId ? { agentId } : {}), testIds, owned: false, source: '--agent-id / --test-id' };
  }
  const read = await readFirstSuite(ctx, 'main');
  if (!read) return { testIds: [], owned: false, source: 'nothing found' };
  ctx.notes.push(
    `black-box: took agent ${read.agentId ?? '(none)'} and ${read.testIds.length} test(s) from the newest suite run in the list`,
  );
  return { ...read, suiteRunId: undefined, testRunId: undefined };
}

/** The newest suite of a workspace's first list page, read with GET (nothing changes). */
async function readFirstSuite(ctx: CheckContext, role: KeyRole): Promise<Resources | undefined> {
  const list = await ctx.api.listSuiteRuns({ limit: 20 }, { auth: { role } });
  const items = isRec(list.json) && Array.isArray(list.json.suite_runs) ? list.json.suite_runs.filter(isRec) : [];
  const item = items.find((s) => typeof s.agent_id === 'string') ?? items[0];
  if (list.status !== 200 || !item) return undefined;
  const got = await ctx.api.getSuiteRun(String(item.id), { auth: { role } });
  if (got.status !== 200 || !isRec(got.json)) return undefined;
  return resourcesFromSuite(got.json, `read from the ${role} workspace's list`, false);
}

export async function discoverOther(ctx: CheckContext): Promise<Resources> {
  if (ctx.control) return discoverWithControl(ctx, 'other');
  return (await readFirstSuite(ctx, 'other')) ?? { testIds: [], owned: false, source: 'nothing found' };
}

/**
 * A fresh suite of this run's own, with its runs: through the control interface when there is
 * one (children pending and running), else with Run All or batch.
 */
export async function makeOwnSuite(ctx: CheckContext, exchanges: Exchange[] = []): Promise<Rec> {
  return setupStep("a suite of the run's own", () => makeSuite(ctx, exchanges));
}

async function makeSuite(ctx: CheckContext, exchanges: Exchange[]): Promise<Rec> {
  const keep = (e: Exchange) => {
    exchanges.push(e);
    return e;
  };
  if (ctx.control) {
    const made = keep(
      await ctx.control.createSuite({
        children: [{ status: 'pending' }, { status: 'running' }, { status: 'completed', verdict: 'passed' }],
      }),
    );
    const suite = suiteBody(made, 201, 'the control interface made no suite', 'controlCreateSuiteRun');
    ctx.own.add(String(suite.id));
    return suite;
  }
  const { agentId, testIds } = await ctx.resources();
  let created: Exchange;
  if (agentId) created = keep(await ctx.api.runAllTests(agentId));
  else if (testIds.length)
    created = keep(await ctx.api.runTestsBatch({ entries: testIds.slice(0, 5).map((test_id) => ({ test_id })) }));
  else ctx.skip(SKIP.NO_CREATION);
  const body = expectStatus(created, 202, agentId ? 'Run All' : 'batch', agentId ? 'runAllTests' : 'runTestsBatch');
  if (!isRec(body.suite_run))
    ctx.skip(`Run All on ${agentId} queued nothing (the agent has no tests): pass another --agent-id`);
  const id = String(body.suite_run.id);
  ctx.own.add(id);
  const got = keep(await ctx.api.getSuiteRun(id));
  return suiteBody(got, 200, 'GET of a suite the run just made', 'getSuiteRun');
}

/** Ids of this run's own suite, or well-formed unknown ones when the run cannot make suites. */
export async function ownIds(ctx: CheckContext): Promise<PathIds> {
  const unknown = unknownIds();
  const found = await ctx.resources();
  if (!ctx.control && !found.agentId && !found.testIds.length) return unknown;
  const suite = await makeOwnSuite(ctx);
  const run = runsOf(suite)[0];
  return {
    suiteRunId: String(suite.id),
    testRunId: String(run?.id ?? unknown.testRunId),
    testId: String(run?.test_id ?? found.testIds[0] ?? unknown.testId),
    agentId: found.agentId ?? (typeof suite.agent_id === 'string' ? suite.agent_id : unknown.agentId),
  };
}
