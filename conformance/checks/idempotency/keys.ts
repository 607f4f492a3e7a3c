// Idempotency-Key on the creating POSTs: the same key and body replays the first answer (same
// status, same body, nothing new made); the same key with another body is 409. A key is bound to
// its first request in the workspace: the same key on another operation or another path id is
// 409 too, and a refused request (only 2xx answers are recorded) runs again when retried.
import type { CheckContext } from '../../context.ts';
import type { Exchange } from '../../http/exchange.ts';
import { setupStep } from '../../errors.ts';
import { differences } from '../../oracle/equal.ts';
import { describeAnswer, expectError, expectStatus, fail, runsOf, scenario, suiteBody } from '../support.ts';

interface Creation {
  operation: string;
  /** The same operation on another path id (absent: none to try). */
  elsewhere?: (key: string) => Promise<Exchange>;
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
      send: (key, variant) =>
        ctx.api.runAllTests(agentId, variant ? { config_override: { model: 'conformance-model' } } : {}, header(key)),
      conflictable: true,
    });
  }
  const [testId, otherTestId] = testIds;
  if (testId) {
    out.push({
      operation: 'runTestsBatch',
      send: (key, variant) =>
        ctx.api.runTestsBatch(
          { entries: Array.from({ length: variant + 1 }, () => ({ test_id: testId })) },
          header(key),
        ),
      conflictable: true,
    });
    out.push({
      operation: 'runTest',
      send: (key, variant) => ctx.api.runTest(testId, variant && agentId ? { agent_id: agentId } : {}, header(key)),
      ...(otherTestId ? { elsewhere: (key: string) => ctx.api.runTest(otherTestId, {}, header(key)) } : {}),
      conflictable: Boolean(agentId),
    });
  }
  if (ctx.control) {
    // A failed parent, so that resubmit has something to re-run (no body: replay only).
    let parent: Promise<string> | undefined;
    out.push({
      operation: 'resubmitSuiteRun',
      send: async (key) => {
        parent ??= makeFailedParent(ctx);
        return ctx.api.resubmitSuiteRun(await parent, header(key));
      },
      elsewhere: async (key) => ctx.api.resubmitSuiteRun(await makeFailedParent(ctx), header(key)),
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
        fail(
          `${creation.operation}: the same Idempotency-Key and body answered ${describeAnswer(second)} after ${first.status}; it must replay the first answer`,
          [first, second],
          creation.operation,
        );
      }
      const diff = differences(first.json, second.json);
      if (diff.length) {
        fail(
          `${creation.operation}: the same Idempotency-Key and body answered another body (something new was made?): ${diff.join('; ')}`,
          [first, second],
          creation.operation,
        );
      }
    });
  }
}

export async function idempotencyKeyConflict(ctx: CheckContext): Promise<void> {
  for (const creation of (await creations(ctx)).filter((c) => c.conflictable)) {
    await scenario(ctx, async () => {
      const k = key(ctx, `conflict-${creation.operation}`);
      await sendFirst(ctx, creation, k);
      const other = await creation.send(k, 1);
      expectError(
        other,
        409,
        ['idempotency_conflict'],
        `${creation.operation}: the same Idempotency-Key with another body`,
        creation.operation,
      );
    });
  }
}

/**
 * The key is bound to its first request: the same key on another operation (the same body where
 * both take one) and on the same operation with another path id is 409 idempotency_conflict; the
 * first request still replays afterwards.
 */
export async function idempotencyKeyBoundToRequest(ctx: CheckContext): Promise<void> {
  const all = await creations(ctx);
  let tried = 0;
  for (const [i, creation] of all.entries()) {
    const others: [string, (k: string) => Promise<Exchange>][] = [];
    const next = all[(i + 1) % all.length]!;
    if (next !== creation) others.push([`${next.operation} (another operation)`, (k) => next.send(k, 0)]);
    if (creation.elsewhere) others.push([`${creation.operation} on another path id`, creation.elsewhere]);
    for (const [label, send] of others) {
      tried++;
      await scenario(ctx, async () => {
        const k = key(ctx, `bound-${creation.operation}-${tried}`);
        const first = await sendFirst(ctx, creation, k);
        const other = await send(k);
        if (other.status >= 200 && other.status < 300) {
          const id = suiteIdOf(other);
          if (id) ctx.own.add(id);
        }
        expectError(
          other,
          409,
          ['idempotency_conflict'],
          `an Idempotency-Key first used for ${creation.operation}, then for ${label}`,
          creation.operation,
        );
        const again = await creation.send(k, 0);
        const diff = differences(first.json, again.json);
        if (again.status !== first.status || diff.length) {
          fail(
            `${creation.operation}: after the key was refused on ${label}, its first request no longer replays (${describeAnswer(again)}${diff.length ? `: ${diff.join('; ')}` : ''})`,
            [first, other, again],
            creation.operation,
          );
        }
      });
    }
  }
  if (!tried)
    ctx.skip(
      'one creating operation on one path is all this target offers: there is no other request to reuse a key on',
    );
}

/**
 * Only 2xx answers are recorded: a resubmit refused (409, the parent still runs) runs again, with the same
 * key, once it can.
 */
export async function idempotencyRefusalNotRecorded(ctx: CheckContext): Promise<void> {
  await scenario(ctx, async () => {
    const made = await ctx.control!.createSuite({ children: [{ status: 'running' }] });
    const parent = suiteBody(made, 201, 'the control interface made no suite', 'controlCreateSuiteRun');
    ctx.own.add(String(parent.id));
    const headers = { headers: { 'Idempotency-Key': key(ctx, 'refused') } };
    const refused = await ctx.api.resubmitSuiteRun(String(parent.id), headers);
    expectError(
      refused,
      409,
      ['conflict'],
      'resubmit with a fresh Idempotency-Key of a suite still running',
      'resubmitSuiteRun',
    );
    const child = runsOf(parent)[0];
    expectStatus(
      await ctx.control!.advance(String(child?.id), { to: 'failed', error: 'Worker crashed' }),
      200,
      'the worker fails the running child',
      'controlAdvanceRun',
    );
    const retried = await ctx.api.resubmitSuiteRun(String(parent.id), headers);
    const created = suiteBody(
      retried,
      202,
      'the same resubmit with the same Idempotency-Key once the suite has failed (a refusal is not recorded)',
      'resubmitSuiteRun',
    );
    ctx.own.add(String(created.id));
  });
}

/** A terminal suite with a failed child, made once per run (the resubmit replay's parent). */
export async function makeFailedParent(ctx: CheckContext): Promise<string> {
  return setupStep('a failed parent to resubmit', async () => {
    const made = await ctx.control!.createSuite({
      children: [
        { status: 'completed', verdict: 'passed' },
        { status: 'failed', error: 'Upstream timeout' },
      ],
    });
    const suite = suiteBody(made, 201, 'the control interface made no suite', 'controlCreateSuiteRun');
    ctx.own.add(String(suite.id));
    return String(suite.id);
  });
}
