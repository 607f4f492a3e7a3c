// The suite list: newest first, pages that neither overlap nor skip, has_more and next_cursor
// agreeing, the agent filter, and 400 for a bad limit or a cursor the server never issued.
import type { CheckContext } from '../../context.ts';
import { makeOwnSuite } from '../../discovery.ts';
import type { Exchange } from '../../http/exchange.ts';
import { isRec } from '../../oracle/derivation.ts';
import { toInstant } from '../../oracle/instants.ts';
import { expectError, expectStatus, fail, newestFirstPages, type Rec } from '../support.ts';

const MADE = 4;

/**
 * Order is judged by the `created_at` values the list shows (descending; equal instants in any
 * order, as long as paging neither repeats nor skips), never by the order in which this run made
 * its suites: another implementation's control interface may give a suite a `created_at` before
 * the moment it was made (CONTRACT.md, "Clarifications of 2026-12-01").
 */
export async function listOrderAndPagination(ctx: CheckContext): Promise<void> {
  const made: Rec[] = [];
  for (let i = 0; i < MADE; i++) made.push(await makeOwnSuite(ctx));
  // Paging may stop once it has passed the oldest of them (newest first, nothing older can hold one).
  // biome-ignore lint/complexity/useMathMinMax: the instants are bigints, which Math.min does not take
  const oldest = made.map((s) => toInstant(s.created_at) ?? 0n).reduce((a, b) => (b < a ? b : a));
  const seen = new Map<string, { item: Rec; exchange: Exchange }>();
  let previous: { item: Rec; exchange: Exchange } | undefined;
  for await (const { number: page, exchange, body, items } of newestFirstPages(
    (cursor) => ctx.api.listSuiteRuns({ limit: 2, ...(cursor ? { cursor } : {}) }),
    'suite_runs',
    { since: oldest, what: (page) => `page ${page} of the list (limit 2)`, operation: 'listSuiteRuns', maxPages: 50 },
  )) {
    if (items.length > 2) fail(`page ${page} has ${items.length} items with limit 2`, [exchange], 'listSuiteRuns');
    // has_more promises a next page, so it needs a cursor; on the last page the contract does not
    // say whether next_cursor is null, so a cursor there is not a failure.
    if (typeof body.has_more !== 'boolean')
      fail(`page ${page}: has_more is ${JSON.stringify(body.has_more)}, not a boolean`, [exchange], 'listSuiteRuns');
    if (body.has_more && typeof body.next_cursor !== 'string')
      fail(
        `page ${page}: has_more is true but next_cursor is ${JSON.stringify(body.next_cursor)}`,
        [exchange],
        'listSuiteRuns',
      );
    for (const item of items) {
      const id = String(item.id);
      if (seen.has(id)) fail(`${id} is on two pages`, [seen.get(id)!.exchange, exchange], 'listSuiteRuns');
      if (previous && (toInstant(item.created_at) ?? 0n) > (toInstant(previous.item.created_at) ?? 0n)) {
        fail(
          `not newest first: ${id} (created ${String(item.created_at)}) comes after ${String(previous.item.id)} (created ${String(previous.item.created_at)})`,
          [previous.exchange, exchange],
          'listSuiteRuns',
        );
      }
      previous = { item, exchange };
      seen.set(id, previous);
    }
  }
  const found = made.map((s) => String(s.id)).filter((id) => seen.has(id));
  if (found.length !== MADE)
    fail(
      `paging through the list did not reach every suite this run just made (found ${found.length} of ${MADE})`,
      [],
      'listSuiteRuns',
    );
  const agent = made.find((s) => typeof s.agent_id === 'string')?.agent_id;
  if (typeof agent === 'string') {
    const filtered = await ctx.api.listSuiteRuns({ agent_id: agent, limit: 50 });
    const body = expectStatus(filtered, 200, 'the list filtered by agent', 'listSuiteRuns');
    const others = (Array.isArray(body.suite_runs) ? body.suite_runs.filter(isRec) : []).filter(
      (s) => s.agent_id !== agent,
    );
    if (others.length)
      fail(
        `the list filtered by agent_id=${agent} holds ${String(others[0]!.id)} of agent ${JSON.stringify(others[0]!.agent_id)}`,
        [filtered],
        'listSuiteRuns',
      );
  }
}

/**
 * A 400 for a bad parameter. The contract says only "400 bad limit or cursor", and the provider
 * "malformed or failed validation": `validation_failed` or `bad_request` may answer it. A
 * `validation_failed` carries `fields` (CONTRACT.md "Wire basics"); which key names the
 * parameter is not written anywhere, so it is not demanded.
 */
function expectParameterError(exchange: Exchange, what: string): void {
  expectError(exchange, 400, ['validation_failed', 'bad_request'], what, 'listSuiteRuns');
  const error = isRec(exchange.json) && isRec(exchange.json.error) ? exchange.json.error : {};
  if (error.code === 'validation_failed' && !isRec(error.fields))
    fail(`${what}: a 400 validation_failed without \`fields\``, [exchange], 'listSuiteRuns');
}

export async function listRejectsBadParameters(ctx: CheckContext): Promise<void> {
  for (const limit of ['0', '201', '-1', 'abc', '1.5'])
    expectParameterError(await ctx.api.listSuiteRuns({ limit }), `the list with limit=${limit}`);
  for (const limit of [1, 200])
    expectStatus(await ctx.api.listSuiteRuns({ limit }), 200, `the list with limit=${limit}`, 'listSuiteRuns');
  // Which cursors were issued is state: a stateless mock cannot know.
  if (ctx.profile === 'stateless') return;
  expectParameterError(
    await ctx.api.listSuiteRuns({ cursor: `not-a-cursor-${ctx.nonce}` }),
    'the list with a cursor the server never issued',
  );
}
