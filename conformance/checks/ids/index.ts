// ids: every srun_/run_/test_/agent_ id in every answer is `<prefix>_` + 26 upper-case Crockford
// base32 characters (any such id: ULID layout is not demanded); minted ids are unique across the run; a
// resubmit links its parent.
import type { CheckContext } from '../../context.ts';
import { makeOwnSuite } from '../../discovery.ts';
import type { Exchange } from '../../http/exchange.ts';
import { idProblems } from '../../oracle/ids.ts';
import { isRec } from '../../oracle/derivation.ts';
import { operationOf } from '../../oracle/schema.ts';
import { makeFailedParent } from '../idempotency/keys.ts';
import { createObserver } from '../observer.ts';
import { expectStatus, fail, runsOf, suiteBody } from '../support.ts';
import type { CheckDefinition, Observer } from '../types.ts';
import { CheckFailure, SkipCheck } from '../../errors.ts';
import { ID_FORMAT_RULE, ID_UNIQUE_RULE } from '../../oracle/rules.ts';

/** Makes ids through every creating operation the target offers, so the observers see them minted. */
async function mintThroughEveryOperation(ctx: CheckContext): Promise<void> {
  await makeOwnSuite(ctx);
  const { agentId, testIds } = await ctx.resources();
  if (agentId) expectStatus(await ctx.api.runAllTests(agentId), 202, 'Run All', 'runAllTests');
  if (testIds[0]) {
    expectStatus(await ctx.api.runTestsBatch({ entries: [{ test_id: testIds[0] }] }), 202, 'a batch', 'runTestsBatch');
    expectStatus(await ctx.api.runTest(testIds[0]), 202, 'running one test', 'runTest');
  }
  if (ctx.control) {
    const parent = await makeFailedParent(ctx);
    expectStatus(await ctx.api.resubmitSuiteRun(parent), 202, 'resubmit', 'resubmitSuiteRun');
  }
}

/**
 * The id-format rule on one answer: null when it carries no ids to judge, else the first malformed id
 * (undefined when none).
 */
function idFormatProblem(e: Exchange): string | undefined | null {
  if (e.status < 200 || e.status >= 300 || e.json === undefined) return null;
  const found = idProblems(e.json);
  return found.length ? `${found[0]!.where} is ${JSON.stringify(found[0]!.value)}: ${found[0]!.reason}` : undefined;
}

/**
 * Every id check judges the format of every id it sees, in every answer it gets (set-up ones
 * included): a target that mints malformed ids often refuses them next (a 404 on its own
 * suite), and that refusal must not hide the rule the ids broke first.
 */
function judgingIdFormat(run: (ctx: CheckContext) => Promise<void>): (ctx: CheckContext) => Promise<void> {
  return async (ctx) => {
    const trace = ctx.http.openTrace();
    let stopped: unknown;
    try {
      await run(ctx);
    } catch (error) {
      if (error instanceof SkipCheck) throw error;
      stopped = error;
    } finally {
      trace.close();
    }
    for (const exchange of trace.exchanges) {
      const problem = idFormatProblem(exchange);
      if (!problem) continue;
      const operation = operationOf(ctx.contracts, exchange)?.operationId;
      const after = stopped instanceof Error ? ` (the check then stopped on: ${stopped.message})` : '';
      throw new CheckFailure({
        message: `${problem}${after}`,
        exchanges: [exchange],
        rule: ID_FORMAT_RULE,
        ...(operation ? { operation } : {}),
      });
    }
    if (stopped !== undefined) throw stopped;
  };
}

const MINTING = new Set(['controlCreateSuiteRun', 'runAllTests', 'runTestsBatch', 'resubmitSuiteRun', 'runTest']);

/** Watches creation answers: a suite or run id minted twice breaks uniqueness (replays excepted). */
function uniqueIdsObserver(ctx: CheckContext): Observer {
  const minted = new Map<string, Exchange>();
  const keys = new Set<string>();
  let judged = 0;
  let failure: CheckFailure | undefined;
  return {
    see(exchange, during) {
      const op = operationOf(ctx.contracts, exchange)?.operationId;
      if (!op || !MINTING.has(op) || exchange.status < 200 || exchange.status >= 300 || !isRec(exchange.json)) return;
      // A replay with a known Idempotency-Key answers the first ids again, as it must.
      const key = exchange.requestHeaders['Idempotency-Key'];
      if (key !== undefined) {
        if (keys.has(`${op}:${key}`)) return;
        keys.add(`${op}:${key}`);
      }
      judged++;
      const body = exchange.json;
      const suite = isRec(body.suite_run) ? body.suite_run : 'trigger' in body ? body : undefined;
      const ids = [
        ...(suite ? [String(suite.id)] : []),
        ...(op === 'runTest' ? [String(body.id)] : []),
        ...runsOf(body).map((r) => String(r.id)),
      ];
      for (const id of ids) {
        const earlier = minted.get(id);
        if (earlier && !failure) {
          failure = new CheckFailure({
            message: `${op} minted ${id}, an id an earlier answer already minted (during check ${during})`,
            exchanges: [earlier, exchange],
            operation: op,
            rule: ID_UNIQUE_RULE,
          });
        }
        minted.set(id, exchange);
      }
    },
    verdict: () => failure,
    judged: () => judged,
  };
}

async function parentLink(ctx: CheckContext): Promise<void> {
  const parent = await makeFailedParent(ctx);
  const resubmit = await ctx.api.resubmitSuiteRun(parent);
  const child = suiteBody(resubmit, 202, 'resubmit of a failed suite', 'resubmitSuiteRun');
  ctx.own.add(String(child.id));
  if (child.parent_suite_run_id !== parent)
    fail(
      `the resubmitted suite's parent_suite_run_id is ${JSON.stringify(child.parent_suite_run_id)}, expected ${parent}`,
      [resubmit],
      'resubmitSuiteRun',
    );
  const read = await ctx.api.getSuiteRun(String(child.id));
  const again = suiteBody(read, 200, 'GET of the resubmitted suite', 'getSuiteRun');
  if (again.parent_suite_run_id !== parent)
    fail(
      `GET of the resubmitted suite shows parent_suite_run_id ${JSON.stringify(again.parent_suite_run_id)}, expected ${parent}`,
      [read],
      'getSuiteRun',
    );
  const up = await ctx.api.getSuiteRun(String(again.parent_suite_run_id));
  const found = suiteBody(up, 200, 'GET of the parent named by parent_suite_run_id', 'getSuiteRun');
  if (found.id !== parent) fail(`parent_suite_run_id leads to ${String(found.id)}`, [up], 'getSuiteRun');
}

export const idsChecks: CheckDefinition[] = [
  {
    id: 'ids-well-formed',
    group: 'ids',
    clause: 'id-format',
    title: 'every id in every answer is its prefix and 26 upper-case Crockford base32 characters',
    run: mintThroughEveryOperation,
    observe: (ctx) =>
      createObserver(idFormatProblem, (e) => operationOf(ctx.contracts, e)?.operationId, ID_FORMAT_RULE),
  },
  {
    id: 'ids-unique',
    group: 'ids',
    clause: 'id-format',
    title: 'no suite or run id is minted twice in the run',
    needs: ['state'],
    run: judgingIdFormat(mintThroughEveryOperation),
    observe: uniqueIdsObserver,
  },
  {
    id: 'ids-parent-link',
    group: 'ids',
    clause: 'resubmit',
    title: "a resubmitted suite's parent_suite_run_id names its parent, on the answer and on reads",
    needs: ['control'],
    withoutControl: 'a parent with failures to resubmit cannot be made without it',
    run: judgingIdFormat(parentLink),
  },
];
