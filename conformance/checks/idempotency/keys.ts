// Idempotency-Key on the creating POSTs: the same key and body replays the first answer (same
// status, same body, nothing new made); the same key with another body is 409.
import type { CheckContext } from '../../context.ts';
import type { Exchange } from '../../http/exchange.ts';
import { setupStep } from '../../errors.ts';
import { differences } from '../../oracle/equal.ts';
import { describeAnswer, expectError, expectStatus, fail, scenario, suiteBody } from '../support.ts';

interface Creation {
  operation: string;
  /** Variant 1 is another body than variant 0 (absent: the operation has no second body to try). */
  send(key: string, variant: 0 | 1): Promise<Exchange>;
  conflictable: boolean;
}

async function creations(ctx: CheckContext): Promise<Creation[]> {
  const { agentId, testIds } = await ctx.resources();
  const header = (key: string) => ({ headers: { 'Idempotency-Key': key } });
  const out: Creation[] = [];
  if (agentId) {
    out.push({
      operation: 'runAllTests',
      send: (key, variant) => ctx.api.runAllTests(agentId, variant ? { config_override: { model: 'conformance-model' } } : {}, header(key)),
      conflictable: true,
    });
  }
  const [testId] = testIds;
  if (testId) {
    out.push({
      operation: 'runTestsBatch',
      send: (key, variant) => ctx.api.runTestsBatch({ entries: Array.from({ length: variant + 1 }, () => ({ test_id: testId })) }, header(key)),
      conflictable: true,
    });
    out.push({
      operation: 'runTest',
      send: (key, variant) => ctx.api.runTest(testId, variant && agentId ? { agent_id: agentId } : {}, header(key)),
      conflictable: Boolean(agentId),
    });
  }
  if (ctx.control) {
    // A failed parent, so that resubmit has something to re-run (no body: replay only).
    let parent: Promise<string> | undefined;
    out.push({
      operation: 'resubmitSuiteRun',
      send: async (key) => ctx.api.resubmitSuiteRun(await (parent ??= makeFailedParent(ctx)), header(key)),
      conflictable: false,
    });
  }
  return out;
}

function key(ctx: CheckContext, label: string): string {
  return `conformance-${ctx.nonce}-${label}`;
}

function suiteIdOf(exchange: Exchange): string | undefined {
  const body = exchange.json as { id?: unknown; suite_run?: { id?: unknown } | null } | undefined;
  const id = body?.suite_run?.id ?? body?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The first use of a fresh key must be accepted (202); what it made counts as this run's own. */
async function sendFirst(ctx: CheckContext, creation: Creation, k: string): Promise<Exchange> {
  const first = await creation.send(k, 0);
  expectStatus(first, 202, `${creation.operation} with a fresh Idempotency-Key`, creation.operation);
  const id = suiteIdOf(first);
  if (id) ctx.own.add(id);
  return first;
}

export async function idempotencyKeyReplay(ctx: CheckContext): Promise<void> {
  for (const creation of await creations(ctx)) {
    await scenario(ctx, async () => {
      const k = key(ctx, `replay-${creation.operation}`);
      const first = await sendFirst(ctx, creation, k);
      const second = await creation.send(k, 0);
      if (second.status !== first.status) {
        fail(`${creation.operation}: the same Idempotency-Key and body answered ${describeAnswer(second)} after ${first.status}; it must replay the first answer`, [first, second], creation.operation);
      }
      const diff = differences(first.json, second.json);
      if (diff.length) {
        fail(`${creation.operation}: the same Idempotency-Key and body answered another body (something new was made?): ${diff.join('; ')}`, [first, second], creation.operation);
      }
    });
  }
}

export async function idempotencyKeyConflict(ctx: CheckContext): Promise<void> {
  for (const creation of (await creations(ctx)).filter((c) => c.conflictable)) {
    await scenario(ctx, async () => {
      const k = key(ctx, `conflict-${creation.operation}`);
      const first = await sendFirst(ctx, creation, k);
      const other = await creation.send(k, 1);
      expectError(other, 409, ['idempotency_conflict'], `${creation.operation}: the same Idempotency-Key with another body`, creation.operation);
    });
  }
}

/** A terminal suite with a failed child, made once per run (the resubmit replay's parent). */
export async function makeFailedParent(ctx: CheckContext): Promise<string> {
  return setupStep('a failed parent to resubmit', async () => {
    const made = await ctx.control!.createSuite({ children: [{ status: 'completed', verdict: 'passed' }, { status: 'failed', error: 'Upstream timeout' }] });
    const suite = suiteBody(made, 201, 'the control interface made no suite', 'controlCreateSuiteRun');
    ctx.own.add(String(suite.id));
    return String(suite.id);
  });
}
