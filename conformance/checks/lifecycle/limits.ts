// A batch at its limits: 100 entries with repeated tests (side by side and apart) queue 100
// runs in entry order, read back the same; 1 entry queues one; 101 entries are refused.
import type { CheckContext } from '../../context.ts';
import { isRec } from '../../oracle/derivation.ts';
import { failRule } from '../rule-failure.ts';
import { describeAnswer, expectStatus, runsOf, scenario, suiteBody, type Rec } from '../support.ts';

const BATCH_MAX = 100;

/** `n` entries cycling over the tests, each test three times in a row: repeats side by side and apart. */
function entries(testIds: string[], n: number): { test_id: string }[] {
  return Array.from({ length: n }, (_, i) => ({ test_id: testIds[Math.floor(i / 3) % testIds.length]! }));
}

async function batchQueues(ctx: CheckContext, testIds: string[], n: number): Promise<void> {
  const sent = entries(testIds, n);
  const what = `a batch of ${n} ${n === 1 ? 'entry' : 'entries'}${n > testIds.length ? ' (tests repeated)' : ''}`;
  const exchange = await ctx.api.runTestsBatch({ entries: sent });
  if (exchange.status !== 202)
    failRule(`batch-${n}`, `${what}: expected 202, got ${describeAnswer(exchange)}`, [exchange], 'runTestsBatch');
  const body = expectStatus(exchange, 202, what, 'runTestsBatch');
  const runs = Array.isArray(body.runs) ? body.runs.filter(isRec) : [];
  const suite: Rec = isRec(body.suite_run) ? body.suite_run : {};
  if (typeof suite.id === 'string') ctx.own.add(suite.id);
  const order = runs.map((r) => String(r.test_id));
  if (order.join() !== sent.map((e) => e.test_id).join()) {
    failRule(
      'entry-order',
      `${what}: the answer queues ${runs.length} runs for tests [${order.slice(0, 12).join(', ')}${order.length > 12 ? ', ...' : ''}], not one per entry in order`,
      [exchange],
      'runTestsBatch',
    );
  }
  if (suite.total !== n)
    failRule('entry-order', `${what}: suite_run.total is ${JSON.stringify(suite.total)}`, [exchange], 'runTestsBatch');
  const got = await ctx.api.getSuiteRun(String(suite.id));
  const read = runsOf(suiteBody(got, 200, `${what}: GET of its suite`, 'getSuiteRun')).map((r) => String(r.id));
  if (read.join() !== runs.map((r) => String(r.id)).join())
    failRule(
      'entry-order',
      `${what}: the suite reads ${read.length} children, not the ${runs.length} runs of the answer in order`,
      [exchange, got],
      'getSuiteRun',
    );
}

export async function batchAtLimits(ctx: CheckContext): Promise<void> {
  const { testIds } = await ctx.resources();
  await scenario(ctx, () => batchQueues(ctx, testIds, BATCH_MAX));
  await scenario(ctx, () => batchQueues(ctx, testIds, 1));
  await scenario(ctx, async () => {
    const over = await ctx.api.runTestsBatch({ entries: entries(testIds, BATCH_MAX + 1) });
    if (over.status !== 400)
      failRule(
        'batch-101',
        `a batch of ${BATCH_MAX + 1} entries: expected 400, got ${describeAnswer(over)}`,
        [over],
        'runTestsBatch',
      );
  });
}
