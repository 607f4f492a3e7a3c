// Tenancy through every channel, not only path lookups: whatever the target hands out or keeps
// across requests (a list cursor, an Idempotency-Key record) belongs to the key's workspace and
// works for no other, another workspace's agent in a body is unknown, and a write under another
// workspace's id is a 404 that changes nothing (read back with the owner's key).
import type { CheckContext } from '../../context.ts';
import { makeOwnSuite } from '../../discovery.ts';
import type { Exchange } from '../../http/exchange.ts';
import { isRec } from '../../oracle/derivation.ts';
import { differences } from '../../oracle/equal.ts';
import { failRule } from '../rule-failure.ts';
import { describeAnswer, expectStatus, runsOf, scenario, suiteBody, type Rec } from '../support.ts';

const OTHER = { auth: { role: 'other' as const } };

function itemIds(exchange: Exchange, field: string): string[] {
  const body = exchange.json;
  return isRec(body) && Array.isArray(body[field]) ? body[field].filter(isRec).map((item) => String(item.id)) : [];
}

/** Another workspace's id under this key: 404, never 403 and never a 2xx. */
function expectNotFound(exchange: Exchange, rule: string, what: string, operation: string): void {
  if (exchange.status === 404) {
    const code = isRec(exchange.json) && isRec(exchange.json.error) ? exchange.json.error.code : undefined;
    if (code === 'not_found' || code === 'agent_not_found' || code === 'agent_test_not_found') return;
  }
  const why =
    exchange.status === 403
      ? ' (403 leaks that it exists)'
      : exchange.status >= 200 && exchange.status < 300
        ? " (it acted on another workspace's resource)"
        : '';
  failRule(rule, `${what}: expected 404 not_found, got ${describeAnswer(exchange)}${why}`, [exchange], operation);
}

interface Listing {
  operation: string;
  field: string;
  mine(query: { limit: number; cursor?: string }): Promise<Exchange>;
  theirs(query: { limit: number; cursor?: string }): Promise<Exchange>;
  readTheirs(id: string): Promise<Exchange>;
}

export async function cursorBoundToWorkspace(ctx: CheckContext): Promise<void> {
  // This run's suites on top of its list: its second page holds suites of this workspace.
  for (let i = 0; i < 3; i++) await makeOwnSuite(ctx);
  const mine = await ctx.resources();
  const other = await ctx.otherResources();
  const listings: Listing[] = [
    {
      operation: 'listSuiteRuns',
      field: 'suite_runs',
      mine: (q) => ctx.api.listSuiteRuns(q),
      theirs: (q) => ctx.api.listSuiteRuns(q, OTHER),
      readTheirs: (id) => ctx.api.getSuiteRun(id, OTHER),
    },
  ];
  const [testA] = mine.testIds;
  const [testB] = other.testIds;
  if (testA && testB) {
    listings.push({
      operation: 'listTestRuns',
      field: 'runs',
      mine: (q) => ctx.api.listTestRuns(testA, q),
      theirs: (q) => ctx.api.listTestRuns(testB, q, OTHER),
      readTheirs: (id) => ctx.api.getTestRun(id, OTHER),
    });
  }
  for (const listing of listings) {
    await scenario(ctx, async () => {
      const first = await listing.mine({ limit: 1 });
      const body = expectStatus(first, 200, `${listing.operation}, limit 1`, listing.operation);
      if (body.has_more !== true || typeof body.next_cursor !== 'string') {
        ctx.notes.push(`tenancy: ${listing.operation} had one page only, so no cursor to hand to the other workspace`);
        return;
      }
      const cursor = body.next_cursor;
      const next = await listing.mine({ limit: 5, cursor });
      const ours = new Set([...itemIds(first, listing.field), ...itemIds(next, listing.field)]);
      const theirs = await listing.theirs({ limit: 5, cursor });
      const what = `${listing.operation} with the other workspace's key and a cursor this workspace was given`;
      if (theirs.status === 400) return;
      expectStatus(theirs, [200, 400], what, listing.operation);
      const leaked = itemIds(theirs, listing.field).filter((id) => ours.has(id));
      if (leaked.length)
        failRule(
          'cursor-other-workspace',
          `${what}: the page holds ${leaked.join(', ')} of this workspace`,
          [next, theirs],
          listing.operation,
        );
      // Whatever the page holds is the other workspace's own.
      for (const id of itemIds(theirs, listing.field)) {
        const read = await listing.readTheirs(id);
        if (read.status !== 200)
          failRule(
            'cursor-other-workspace',
            `${what}: the page holds ${id}, which that workspace cannot read (${describeAnswer(read)})`,
            [theirs, read],
            listing.operation,
          );
      }
    });
  }
}

interface KeyedCreation {
  operation: string;
  send(role: 'main' | 'other', key: string): Promise<Exchange>;
}

function createdId(exchange: Exchange): string | undefined {
  const body = exchange.json as { id?: unknown; suite_run?: { id?: unknown } | null } | undefined;
  const id = body?.suite_run?.id ?? body?.id;
  return typeof id === 'string' ? id : undefined;
}

export async function idempotencyKeysPerWorkspace(ctx: CheckContext): Promise<void> {
  const mine = await ctx.resources();
  const other = await ctx.otherResources();
  const header = (role: 'main' | 'other', key: string) => ({ auth: { role }, headers: { 'Idempotency-Key': key } });
  const creations: KeyedCreation[] = [];
  // The same body in both workspaces (`{}`), each on its own agent or test.
  if (mine.agentId && other.agentId) {
    const agents = { main: mine.agentId, other: other.agentId };
    creations.push({
      operation: 'runAllTests',
      send: (role, key) => ctx.api.runAllTests(agents[role], {}, header(role, key)),
    });
  }
  if (mine.testIds[0] && other.testIds[0]) {
    const tests = { main: mine.testIds[0], other: other.testIds[0] };
    creations.push({ operation: 'runTest', send: (role, key) => ctx.api.runTest(tests[role], {}, header(role, key)) });
    creations.push({
      operation: 'runTestsBatch',
      send: (role, key) => ctx.api.runTestsBatch({ entries: [{ test_id: tests[role] }] }, header(role, key)),
    });
  }
  if (!creations.length) ctx.skip('needs an agent or a test in each workspace');
  for (const creation of creations) {
    await scenario(ctx, async () => {
      const key = `conformance-${ctx.nonce}-tenancy-${creation.operation}`;
      const what = `${creation.operation} with an Idempotency-Key the other workspace used first`;
      const first = await creation.send('main', key);
      expectStatus(first, 202, `${creation.operation} with a fresh Idempotency-Key`, creation.operation);
      const ours = createdId(first);
      if (ours && creation.operation !== 'runTest') ctx.own.add(ours);
      const theirs = await creation.send('other', key);
      if (theirs.status !== 202)
        failRule(
          'key-shared-across-workspaces',
          `${what}: expected a fresh 202 (another workspace's use of the key is unrelated), got ${describeAnswer(theirs)}`,
          [first, theirs],
          creation.operation,
        );
      const made = createdId(theirs);
      if (!made || made === ours)
        failRule(
          'replayed-to-other-workspace',
          `${what}: the answer replays this workspace's ${String(ours)}`,
          [first, theirs],
          creation.operation,
        );
      const read =
        creation.operation === 'runTest'
          ? await ctx.api.getTestRun(made, OTHER)
          : await ctx.api.getSuiteRun(made, OTHER);
      if (read.status !== 200)
        failRule(
          'replayed-to-other-workspace',
          `${what}: the answer names ${made}, which that workspace cannot read (${describeAnswer(read)})`,
          [theirs, read],
          creation.operation,
        );
      for (const [role, answer] of [
        ['other', theirs],
        ['main', first],
      ] as const) {
        const again = await creation.send(role, key);
        const diff =
          again.status === answer.status
            ? differences(answer.json, again.json)
            : [`status ${again.status} after ${answer.status}`];
        if (diff.length)
          failRule(
            'replay-per-workspace',
            `${creation.operation}: the ${role} workspace's retry with its key does not replay its own first answer: ${diff.join('; ')}`,
            [answer, again],
            creation.operation,
          );
      }
    });
  }
}

export async function otherWorkspaceAgentInBody(ctx: CheckContext): Promise<void> {
  const [testId] = (await ctx.resources()).testIds;
  const agentId = (await ctx.otherResources()).agentId;
  if (!testId || !agentId) ctx.skip("needs a test of this workspace and an agent of the other's");
  const run = await ctx.api.runTest(testId, { agent_id: agentId });
  if (run.status !== 400)
    expectNotFound(run, 'run-test-agent', "running a test against another workspace's agent", 'runTest');
  const batch = await ctx.api.runTestsBatch({ entries: [{ test_id: testId, agent_id: agentId }] });
  const fields =
    isRec(batch.json) && isRec(batch.json.error) && isRec(batch.json.error.fields) ? batch.json.error.fields : {};
  if (batch.status !== 400 || !Object.keys(fields).some((f) => f.startsWith('entries[0]'))) {
    failRule(
      'batch-agent',
      `a batch entry with another workspace's agent: expected 400 naming entries[0] in fields, got ${describeAnswer(batch)}`,
      [batch],
      'runTestsBatch',
    );
  }
}

/** What the owner reads of its suites and their runs. */
async function ownerView(
  ctx: CheckContext,
  suites: Rec[],
): Promise<{ reads: Exchange[]; bodies: unknown[]; list: Exchange }> {
  const reads: Exchange[] = [];
  for (const suite of suites) {
    reads.push(await ctx.api.getSuiteRun(String(suite.id), OTHER));
    for (const run of runsOf(suite)) reads.push(await ctx.api.getTestRun(String(run.id), OTHER));
  }
  const list = await ctx.api.listSuiteRuns({ limit: 50 }, OTHER);
  return { reads, bodies: reads.map((r) => r.json), list };
}

export async function writesChangeNothing(ctx: CheckContext): Promise<void> {
  await scenario(ctx, async () => {
    const make = async (children: Rec[]) =>
      suiteBody(
        await ctx.control!.createSuite({ children: children as never }, 'other'),
        201,
        'the control interface made no suite in the other workspace',
        'controlCreateSuiteRun',
      );
    const active = await make([
      { status: 'pending' },
      { status: 'running' },
      { status: 'completed', verdict: 'passed' },
      { status: 'failed' },
    ]);
    const terminal = await make([
      { status: 'completed', verdict: 'failed' },
      { status: 'failed' },
      { status: 'completed', verdict: 'passed' },
    ]);
    const before = await ownerView(ctx, [active, terminal]);
    before.reads.forEach((r) => {
      expectStatus(
        r,
        200,
        'the owner reading its own suite or run',
        r.path.includes('/suite-runs/') ? 'getSuiteRun' : 'getTestRun',
      );
    });
    const [pending, running] = runsOf(active);
    const id = (r: Rec | undefined) => String(r?.id);
    expectNotFound(
      await ctx.api.cancelSuiteRun(id(active)),
      'cancel-suite',
      "cancel of another workspace's suite run",
      'cancelSuiteRun',
    );
    expectNotFound(
      await ctx.api.resubmitSuiteRun(id(terminal)),
      'resubmit',
      "resubmit of another workspace's failed suite run",
      'resubmitSuiteRun',
    );
    for (const run of [pending, running]) {
      expectNotFound(
        await ctx.api.getTestRun(id(run)),
        'read-run',
        "GET of another workspace's test run",
        'getTestRun',
      );
      expectNotFound(
        await ctx.api.cancelTestRun(id(run)),
        'cancel-run',
        `cancel of another workspace's ${String(run?.status)} test run`,
        'cancelTestRun',
      );
    }
    expectNotFound(
      await ctx.control!.advance(id(pending), { to: 'running' }),
      'advance',
      "a worker move (control interface) of another workspace's pending run",
      'controlAdvanceRun',
    );
    expectNotFound(
      await ctx.control!.advance(id(running), { to: 'completed', verdict: 'passed' }),
      'advance',
      "a worker move (control interface) of another workspace's running run",
      'controlAdvanceRun',
    );
    const after = await ownerView(ctx, [active, terminal]);
    after.reads.forEach((read, i) => {
      const diff = differences(before.bodies[i], read.json);
      if (diff.length)
        failRule(
          'owner-sees-no-change',
          `after this workspace's refused writes, the owner reads ${read.path} changed: ${diff.join('; ')}`,
          [before.reads[i]!, read],
        );
    });
    const children = itemIds(after.list, 'suite_runs').filter(
      (sid) => !itemIds(before.list, 'suite_runs').includes(sid),
    );
    const items =
      isRec(after.list.json) && Array.isArray(after.list.json.suite_runs)
        ? after.list.json.suite_runs.filter(isRec)
        : [];
    const made = items.filter((s) => children.includes(String(s.id)) && s.parent_suite_run_id === terminal.id);
    if (made.length)
      failRule(
        'owner-sees-no-change',
        `after this workspace's refused resubmit, the owner's list holds ${String(made[0]!.id)}, a resubmit of ${id(terminal)}`,
        [after.list],
        'resubmitSuiteRun',
      );
  });
}
