// The answers of Run All, batch and run-one-test: what they queue and how the suite reads.
import type { CheckContext } from '../../context.ts';
import type { Exchange } from '../../http/exchange.ts';
import { isRec } from '../../oracle/derivation.ts';
import { toInstant } from '../../oracle/instants.ts';
import { unknownIds } from '../notfound/ids.ts';
import { expectStatus, fail, namesEntry, newestFirstPages, runsOf, suiteBody, type Rec } from '../support.ts';

function expectQueued(runs: Rec[], exchange: Exchange, what: string, operation: string): void {
  runs.forEach((run, i) => {
    if (
      run.status !== 'pending' ||
      run.verdict != null ||
      run.started_at != null ||
      run.ended_at != null ||
      run.result != null
    ) {
      fail(
        `${what}: runs[${i}] is not a freshly queued run (status ${JSON.stringify(run.status)})`,
        [exchange],
        operation,
      );
    }
  });
}

/** The suite read after a creation: same runs in the same order as the creation answer. */
async function expectReadBack(
  ctx: CheckContext,
  suiteRun: Rec,
  runs: Rec[],
  what: string,
  operation: string,
): Promise<Rec> {
  const got = await ctx.api.getSuiteRun(String(suiteRun.id));
  const suite = suiteBody(got, 200, `${what}: GET of the new suite`, 'getSuiteRun');
  const answered = runs.map((r) => r.id).join(',');
  const read = runsOf(suite)
    .map((r) => r.id)
    .join(',');
  if (answered !== read)
    fail(`${what}: the suite reads children [${read}], the answer queued [${answered}]`, [got], operation);
  if (suite.trigger !== suiteRun.trigger || (suite.agent_id ?? null) !== (suiteRun.agent_id ?? null)) {
    fail(
      `${what}: the suite reads trigger ${JSON.stringify(suite.trigger)} / agent_id ${JSON.stringify(suite.agent_id)} unlike the answer`,
      [got],
      operation,
    );
  }
  return suite;
}

export async function runAllAnswer(ctx: CheckContext): Promise<void> {
  const { agentId } = await ctx.resources();
  const what = `Run All on ${agentId}`;
  const exchange = await ctx.api.runAllTests(agentId!);
  const body = expectStatus(exchange, 202, what, 'runAllTests');
  const runs = Array.isArray(body.runs) ? body.runs.filter(isRec) : [];
  if (body.suite_run === null) {
    if (runs.length) fail(`${what}: suite_run is null but ${runs.length} runs were queued`, [exchange], 'runAllTests');
    return ctx.skip(`the agent ${agentId} has no tests: pass an --agent-id that has some`);
  }
  const suiteRun = isRec(body.suite_run)
    ? body.suite_run
    : fail(`${what}: no suite_run in the answer`, [exchange], 'runAllTests');
  ctx.own.add(String(suiteRun.id));
  expectQueued(runs, exchange, what, 'runAllTests');
  const expect: [string, unknown, unknown][] = [
    ['trigger', suiteRun.trigger, 'run_all'],
    ['agent_id', suiteRun.agent_id, agentId],
    ['agent_name', suiteRun.agent_name ?? null, null],
    ['parent_suite_run_id', suiteRun.parent_suite_run_id ?? null, null],
    ['total', suiteRun.total, runs.length],
    ['pending', suiteRun.pending, runs.length],
    ['status', suiteRun.status, 'running'],
  ];
  for (const [field, got, want] of expect)
    if (got !== want)
      fail(
        `${what}: suite_run.${field} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`,
        [exchange],
        'runAllTests',
      );
  runs.forEach((run, i) => {
    if (run.agent_id !== agentId)
      fail(
        `${what}: runs[${i}].agent_id is ${JSON.stringify(run.agent_id)}, expected the agent`,
        [exchange],
        'runAllTests',
      );
  });
  const suite = await expectReadBack(ctx, suiteRun, runs, what, 'runAllTests');
  if (typeof suite.agent_name !== 'string')
    fail(
      `${what}: the suite reads agent_name ${JSON.stringify(suite.agent_name)}; a read resolves the agent's name`,
      [],
      'getSuiteRun',
    );
}

export async function batchAnswer(ctx: CheckContext): Promise<void> {
  const { testIds } = await ctx.resources();
  const entries = [testIds[0]!, ...testIds.slice(1, 3), testIds[0]!].map((test_id) => ({ test_id }));
  const what = `a batch of ${entries.length} entries`;
  const exchange = await ctx.api.runTestsBatch({ entries });
  const body = expectStatus(exchange, 202, what, 'runTestsBatch');
  const runs = Array.isArray(body.runs) ? body.runs.filter(isRec) : [];
  const suiteRun = isRec(body.suite_run)
    ? body.suite_run
    : fail(`${what}: suite_run is ${JSON.stringify(body.suite_run)}`, [exchange], 'runTestsBatch');
  ctx.own.add(String(suiteRun.id));
  expectQueued(runs, exchange, what, 'runTestsBatch');
  const order = runs.map((r) => r.test_id).join(',');
  if (order !== entries.map((e) => e.test_id).join(','))
    fail(`${what}: the runs are for tests [${order}], not the entries in order`, [exchange], 'runTestsBatch');
  for (const [field, want] of [
    ['trigger', 'batch'],
    ['agent_id', null],
    ['agent_name', null],
    ['parent_suite_run_id', null],
  ] as const) {
    if ((suiteRun[field] ?? null) !== want)
      fail(
        `${what}: suite_run.${field} is ${JSON.stringify(suiteRun[field])}, expected ${JSON.stringify(want)}`,
        [exchange],
        'runTestsBatch',
      );
  }
  const suite = await expectReadBack(ctx, suiteRun, runs, what, 'runTestsBatch');
  if ((suite.agent_name ?? null) !== null)
    fail(
      `${what}: a batch suite reads agent_name ${JSON.stringify(suite.agent_name)}; it has no agent`,
      [],
      'getSuiteRun',
    );
}

export async function batchRejectsBadEntries(ctx: CheckContext): Promise<void> {
  const { testIds } = await ctx.resources();
  const empty = await ctx.api.runTestsBatch({ entries: [] });
  expectStatus(empty, 400, 'a batch without entries', 'runTestsBatch');
  const unknown = unknownIds().testId;
  const bad = await ctx.api.runTestsBatch({ entries: [{ test_id: testIds[0]! }, { test_id: unknown }] });
  expectStatus(bad, 400, 'a batch whose second entry names an unknown test', 'runTestsBatch');
  const fields = isRec(bad.json) && isRec(bad.json.error) && isRec(bad.json.error.fields) ? bad.json.error.fields : {};
  if (!Object.keys(fields).some((f) => namesEntry(f, 1)))
    fail(
      `the 400 for an unknown test in entry 1 does not name entries[1] in fields (${JSON.stringify(fields)})`,
      [bad],
      'runTestsBatch',
    );
  const tooMany = await ctx.api.runTestsBatch({
    entries: Array.from({ length: 101 }, () => ({ test_id: testIds[0]! })),
  });
  expectStatus(tooMany, 400, 'a batch of 101 entries (the limit is 100)', 'runTestsBatch');
}

export async function runTestAnswer(ctx: CheckContext): Promise<void> {
  const { testIds } = await ctx.resources();
  const testId = testIds[0]!;
  const exchange = await ctx.api.runTest(testId);
  const run = expectStatus(exchange, 202, `running the test ${testId}`, 'runTest');
  expectQueued([run], exchange, `running the test ${testId}`, 'runTest');
  if (run.test_id !== testId)
    fail(`the run is for ${JSON.stringify(run.test_id)}, not ${testId}`, [exchange], 'runTest');
  const got = await ctx.api.getTestRun(String(run.id));
  const read = expectStatus(got, 200, 'GET of the new run', 'getTestRun');
  // A worker may have started (or even ended) the run by now: the GET shows the same run, in any status.
  if (read.id !== run.id || read.test_id !== testId)
    fail(
      `GET of the new run ${String(run.id)} shows ${String(read.id)} of test ${String(read.test_id)}`,
      [got],
      'getTestRun',
    );
  // Newest first: the run is on the pages before the first run older than it (other checks, or
  // other clients of a shared target, may have queued newer runs of the same test meanwhile).
  const pages: Exchange[] = [];
  for await (const page of newestFirstPages(
    (cursor) => ctx.api.listTestRuns(testId, { limit: 50, ...(cursor ? { cursor } : {}) }),
    'runs',
    { since: toInstant(run.created_at), what: () => "the test's runs", operation: 'listTestRuns' },
  )) {
    pages.push(page.exchange);
    if (page.items.some((r) => r.id === run.id)) return;
  }
  fail(
    `the new run ${String(run.id)} is not in its test's runs where newest first puts it`,
    pages.slice(-2),
    'listTestRuns',
  );
}
