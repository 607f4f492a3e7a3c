// tenancy: another workspace's suites, runs, agents and tests do not exist for this key: 404 on
// every operation (never 403), absent from every list. The other workspace's resources are
// made through the control interface with --other-api-key; without control they are read from
// its list, and only reads are tried on them (the run changes nothing it did not make).
import type { CheckContext, Resources } from '../../context.ts';
import type { Exchange } from '../../http/exchange.ts';
import { isRec } from '../../oracle/derivation.ts';
import { differences } from '../../oracle/equal.ts';
import { toInstant } from '../../oracle/instants.ts';
import { describeAnswer, expectError, expectStatus, fail, namesEntry, newestFirstPages, type Rec } from '../support.ts';
import type { CheckDefinition } from '../types.ts';
import { NOT_FOUND_CODES } from '../notfound/index.ts';
import {
  cursorBoundToWorkspace,
  idempotencyKeysPerWorkspace,
  otherWorkspaceAgentInBody,
  writesChangeNothing,
} from './channels.ts';

async function theirs(ctx: CheckContext): Promise<Resources & { suiteRunId: string }> {
  const found = await ctx.otherResources();
  if (!found.suiteRunId)
    ctx.skip('the other workspace has no suite run to look for (and there is no control interface to make one)');
  return found as Resources & { suiteRunId: string };
}

function expect404(exchange: Exchange, what: string, operation: string, codes = ['not_found']): void {
  if (exchange.status === 403)
    fail(`${what}: 403 leaks that it exists; another workspace's resource is 404`, [exchange], operation);
  if (exchange.status >= 200 && exchange.status < 300)
    fail(`${what}: answered ${exchange.status} with another workspace's data`, [exchange], operation);
  expectError(exchange, 404, codes, what, operation);
}

async function readAsOwner(ctx: CheckContext, id: string): Promise<{ body: Rec; exchange: Exchange }> {
  const exchange = await ctx.api.getSuiteRun(id, { auth: { role: 'other' } });
  return { body: expectStatus(exchange, 200, 'GET of its own suite run with the other key', 'getSuiteRun'), exchange };
}

async function otherWorkspaceSuite404(ctx: CheckContext): Promise<void> {
  const other = await theirs(ctx);
  const id = other.suiteRunId;
  const before = await readAsOwner(ctx, id);
  expect404(await ctx.api.getSuiteRun(id), "GET of another workspace's suite run", 'getSuiteRun');
  if (!other.owned) {
    ctx.notes.push(
      "tenancy: cancel and resubmit of another workspace's suite were not tried (not made by this run; no control interface)",
    );
    return;
  }
  expect404(await ctx.api.cancelSuiteRun(id), "cancel of another workspace's suite run", 'cancelSuiteRun');
  expect404(await ctx.api.resubmitSuiteRun(id), "resubmit of another workspace's suite run", 'resubmitSuiteRun');
  const after = await readAsOwner(ctx, id);
  const diff = differences(before.body, after.body);
  if (diff.length)
    fail(
      `another workspace's cancel or resubmit changed the suite: ${diff.join('; ')}`,
      [before.exchange, after.exchange],
      'cancelSuiteRun',
    );
}

async function otherWorkspaceRun404(ctx: CheckContext): Promise<void> {
  const other = await theirs(ctx);
  if (!other.testRunId) ctx.skip('the other workspace has no test run to look for');
  expect404(await ctx.api.getTestRun(other.testRunId), "GET of another workspace's test run", 'getTestRun');
  if (other.owned)
    expect404(await ctx.api.cancelTestRun(other.testRunId), "cancel of another workspace's test run", 'cancelTestRun');
}

async function otherWorkspaceAbsentFromLists(ctx: CheckContext): Promise<void> {
  const other = await theirs(ctx);
  const { body } = await readAsOwner(ctx, other.suiteRunId);
  // Newest first: once a page reaches suites older than theirs, theirs cannot come later.
  for await (const page of newestFirstPages(
    (cursor) => ctx.api.listSuiteRuns({ limit: 100, ...(cursor ? { cursor } : {}) }),
    'suite_runs',
    { since: toInstant(body.created_at) ?? 0n, what: () => 'a page of the list', operation: 'listSuiteRuns' },
  ))
    if (page.items.some((s) => s.id === other.suiteRunId))
      fail(
        `another workspace's suite run ${other.suiteRunId} is on page ${page.number} of this workspace's list`,
        [page.exchange],
        'listSuiteRuns',
      );
  if (other.agentId) {
    const byAgent = await ctx.api.listSuiteRuns({ agent_id: other.agentId });
    const data = expectStatus(byAgent, 200, "the list filtered by another workspace's agent", 'listSuiteRuns');
    if (Array.isArray(data.suite_runs) && data.suite_runs.length)
      fail(
        `the list filtered by another workspace's agent is not empty (${data.suite_runs.length} items)`,
        [byAgent],
        'listSuiteRuns',
      );
  }
}

async function otherWorkspaceAgentsAndTests(ctx: CheckContext): Promise<void> {
  const other = await ctx.otherResources();
  const [testId] = other.testIds;
  if (!other.agentId && !testId) ctx.skip('no agent or test of the other workspace is known');
  if (other.agentId)
    expect404(
      await ctx.api.runAllTests(other.agentId),
      "Run All on another workspace's agent",
      'runAllTests',
      NOT_FOUND_CODES.agentId,
    );
  if (!testId) return;
  expect404(
    await ctx.api.listTestRuns(testId),
    "the runs of another workspace's test",
    'listTestRuns',
    NOT_FOUND_CODES.testId,
  );
  expect404(await ctx.api.runTest(testId), "running another workspace's test", 'runTest', NOT_FOUND_CODES.testId);
  const batch = await ctx.api.runTestsBatch({ entries: [{ test_id: testId }] });
  if (batch.status !== 400)
    fail(
      `a batch of another workspace's test: expected 400 naming entries[0].test_id, got ${describeAnswer(batch)}`,
      [batch],
      'runTestsBatch',
    );
  const fields =
    isRec(batch.json) && isRec(batch.json.error) && isRec(batch.json.error.fields) ? batch.json.error.fields : {};
  if (!Object.keys(fields).some((f) => namesEntry(f, 0)))
    fail("a batch of another workspace's test: the 400 does not name entries[0] in `fields`", [batch], 'runTestsBatch');
}

export const tenancyChecks: CheckDefinition[] = [
  {
    id: 'tenancy-other-workspace-suite-404',
    group: 'tenancy',
    clause: 'tenancy',
    title: "another workspace's suite run is 404 on GET, cancel and resubmit (never 403) and stays unchanged",
    needs: ['state', 'other-key'],
    run: otherWorkspaceSuite404,
  },
  {
    id: 'tenancy-other-workspace-run-404',
    group: 'tenancy',
    clause: 'tenancy',
    title: "another workspace's test run is 404 on GET and cancel",
    needs: ['state', 'other-key'],
    run: otherWorkspaceRun404,
  },
  {
    id: 'tenancy-absent-from-lists',
    group: 'tenancy',
    clause: 'tenancy',
    exclusive: true,
    title: "another workspace's suite runs are on no page of the list, nor under its agent's filter",
    needs: ['state', 'other-key'],
    run: otherWorkspaceAbsentFromLists,
  },
  {
    id: 'tenancy-other-workspace-agents-and-tests',
    group: 'tenancy',
    clause: 'tenancy',
    title: "another workspace's agents and tests are 404 to Run All, run and list, and a 400 entry in a batch",
    needs: ['state', 'other-key'],
    run: otherWorkspaceAgentsAndTests,
  },
  {
    id: 'tenancy-cursor-bound-to-workspace',
    group: 'tenancy',
    clause: 'tenancy',
    title:
      "a list cursor given to this workspace, used with another workspace's key, is refused (400) or pages that workspace's own items only",
    needs: ['state', 'other-key', 'creation'],
    run: cursorBoundToWorkspace,
  },
  {
    id: 'tenancy-idempotency-keys-per-workspace',
    group: 'tenancy',
    clause: 'tenancy',
    title:
      "an Idempotency-Key this workspace used is unrelated to another workspace's use of it: a fresh 202 there, and each retry replays its own workspace's answer",
    needs: ['state', 'other-key', 'creation'],
    run: idempotencyKeysPerWorkspace,
  },
  {
    id: 'tenancy-other-workspace-agent-in-body',
    group: 'tenancy',
    clause: 'tenancy',
    title:
      "another workspace's agent named in a body (run one test, a batch entry) is unknown: 404, or 400 naming the entry",
    needs: ['state', 'other-key', 'tests'],
    run: otherWorkspaceAgentInBody,
  },
  {
    id: 'tenancy-writes-change-nothing',
    group: 'tenancy',
    clause: 'tenancy',
    title:
      "cancel, resubmit, child cancel and worker moves under another workspace's ids are 404 and change nothing its owner reads",
    needs: ['control', 'other-key'],
    withoutControl:
      "the other workspace's suites with chosen children must be made first (tenancy-other-workspace-suite-404 tries cancel and resubmit on a suite this run made)",
    run: writesChangeNothing,
  },
];
