// Page seams: both lists walked page by page at several sizes (1, 2, 3, 7 and 200), every
// boundary judged: no page holds more than `limit`; has_more true comes with a next_cursor
// (a last page may carry one too: the contract leaves that open), and a page it promises is not
// empty ("true when more rows exist beyond this page"); nothing is repeated or lost across a seam,
// also when the items at a seam share one created_at (a batch makes its runs at one instant)
// and when a suite is made between two pages; the order is newest first and the same on every
// walk; the last page of the whole list, also when exactly full, says has_more false.
import type { CheckContext } from '../../context.ts';
import { makeOwnSuite } from '../../discovery.ts';
import type { Exchange } from '../../http/exchange.ts';
import { isRec } from '../../oracle/derivation.ts';
import { toInstant } from '../../oracle/instants.ts';
import { failRule } from '../rule-failure.ts';
import { expectStatus, scenario, type Rec } from '../support.ts';

interface Listing {
  operation: string;
  field: string;
  fetch(query: { limit: number; cursor?: string }): Promise<Exchange>;
}

interface Seen {
  item: Rec;
  exchange: Exchange;
  page: number;
}

interface Walk {
  seen: Seen[];
  /** The cursor each page was fetched with (undefined for the first). */
  cursors: (string | undefined)[];
  pages: Exchange[];
  ended: boolean;
}

const SIZES = [1, 2, 3, 7];
/** Pages of 200 read to reach the end of a list; past that the end is not judged (a note says so). */
const END_PAGES = 60;

function itemsOf(exchange: Exchange, field: string): Rec[] {
  const body = exchange.json;
  return isRec(body) && Array.isArray(body[field]) ? body[field].filter(isRec) : [];
}

/**
 * Walks a list from `cursor` at `limit` until `enough` says so or the list ends, judging every
 * page and every seam. `between` runs after the first page (a suite made mid-walk).
 */
async function walk(
  list: Listing,
  limit: number,
  maxPages: number,
  enough: (seen: Seen[]) => boolean,
  start?: string,
  between?: () => Promise<void>,
): Promise<Walk> {
  const out: Walk = { seen: [], cursors: [], pages: [], ended: false };
  const ids = new Map<string, Seen>();
  let cursor = start;
  let promised: Exchange | undefined;
  const what = (n: number) => `${list.operation}, limit ${limit}, page ${n + 1}`;
  for (let n = 0; n < maxPages; n++) {
    const exchange = await list.fetch({ limit, ...(cursor ? { cursor } : {}) });
    const body = expectStatus(exchange, 200, what(n), list.operation);
    out.cursors.push(cursor);
    out.pages.push(exchange);
    const items = itemsOf(exchange, list.field);
    if (items.length > limit)
      failRule('page-size', `${what(n)} holds ${items.length} items`, [exchange], list.operation);
    if (promised && items.length === 0)
      failRule(
        'has-more-empty-next',
        `${what(n - 1)} says has_more, but the page its next_cursor gives is empty`,
        [promised, exchange],
        list.operation,
      );
    const more = body.has_more;
    if (typeof more !== 'boolean' || (more && typeof body.next_cursor !== 'string')) {
      failRule(
        'has-more-cursor',
        `${what(n)}: has_more is ${JSON.stringify(more)} with next_cursor ${JSON.stringify(body.next_cursor)}`,
        [exchange],
        list.operation,
      );
    }
    for (const item of items) {
      const id = String(item.id);
      const before = ids.get(id);
      if (before)
        failRule(
          'seam-repeat',
          `${id} is on ${what(before.page)} and again on page ${n + 1}`,
          [before.exchange, exchange],
          list.operation,
        );
      const last = out.seen[out.seen.length - 1];
      if (last && (toInstant(item.created_at) ?? 0n) > (toInstant(last.item.created_at) ?? 0n)) {
        failRule(
          'seam-order',
          `${what(n)}: ${id} (created ${String(item.created_at)}) comes after ${String(last.item.id)} (created ${String(last.item.created_at)}): not newest first`,
          [last.exchange, exchange],
          list.operation,
        );
      }
      const seen = { item, exchange, page: n };
      ids.set(id, seen);
      out.seen.push(seen);
    }
    if (!more) {
      out.ended = true;
      return out;
    }
    if (enough(out.seen)) return out;
    if (n === 0) await between?.();
    promised = exchange;
    cursor = String(body.next_cursor);
  }
  return out;
}

/** Walks at several sizes, each until every id of `made` was seen, and compares their order. */
async function walkSizes(list: Listing, made: string[], insert?: () => Promise<void>): Promise<void> {
  let reference: string[] | undefined;
  for (const limit of SIZES) {
    const enough = (seen: Seen[]) => made.every((id) => seen.some((s) => s.item.id === id));
    const done = await walk(
      list,
      limit,
      Math.ceil((made.length + 40) / limit) + 2,
      enough,
      undefined,
      limit === 2 ? insert : undefined,
    );
    const order = done.seen.map((s) => String(s.item.id)).filter((id) => made.includes(id));
    const lost = made.filter((id) => !order.includes(id));
    if (lost.length)
      failRule(
        'seam-lost',
        `${list.operation} walked at limit ${limit} never shows ${lost.join(', ')} (made by this run just before)`,
        done.pages.slice(-2),
        list.operation,
      );
    if (reference && order.join() !== reference.join()) {
      failRule(
        'seam-order',
        `${list.operation} walked at limit ${limit} orders this run's items [${order.join(', ')}], at limit ${SIZES[0]} [${reference.join(', ')}]: equal instants in an unstable order`,
        done.pages.slice(-2),
        list.operation,
      );
    }
    reference ??= order;
  }
}

/** Reads to the end at 200, then asks for the last page again so that it is exactly full, and one short. */
async function walkEnd(ctx: CheckContext, list: Listing): Promise<void> {
  const all = await walk(list, 200, END_PAGES, () => false);
  if (!all.ended) {
    ctx.notes.push(`${list.operation}: more than ${END_PAGES * 200} items, so the end of the list was not judged`);
    return;
  }
  const cursor = all.cursors[all.cursors.length - 1];
  const lastPage = all.pages[all.pages.length - 1]!;
  const expected = itemsOf(lastPage, list.field).map((i) => String(i.id));
  const r = expected.length;
  if (r === 0) return;
  const exact = await list.fetch({ limit: r, ...(cursor ? { cursor } : {}) });
  const body = expectStatus(exact, 200, `${list.operation}, the last page again at limit ${r}`, list.operation);
  const got = itemsOf(exact, list.field).map((i) => String(i.id));
  if (got.join() !== expected.join())
    failRule(
      'last-page',
      `${list.operation}: the last page asked again at limit ${r} holds [${got.join(', ')}], not [${expected.join(', ')}]`,
      [lastPage, exact],
      list.operation,
    );
  if (body.has_more !== false) {
    failRule(
      'last-page',
      `${list.operation}: the last page, exactly full at limit ${r}, says has_more ${JSON.stringify(body.has_more)} with next_cursor ${JSON.stringify(body.next_cursor)}; nothing follows it`,
      [lastPage, exact],
      list.operation,
    );
  }
  if (r < 2) return;
  const short = await walk(list, r - 1, 3, () => false, cursor);
  const rest = short.seen.map((s) => String(s.item.id));
  if (!short.ended || rest.join() !== expected.join()) {
    failRule(
      'last-page',
      `${list.operation}: the last ${r} items read at limit ${r - 1} give [${rest.join(', ')}], not [${expected.join(', ')}]`,
      short.pages,
      list.operation,
    );
  }
}

export async function listPageSeams(ctx: CheckContext): Promise<void> {
  const suites: Listing = { operation: 'listSuiteRuns', field: 'suite_runs', fetch: (q) => ctx.api.listSuiteRuns(q) };
  await scenario(ctx, async () => {
    // Made in parallel: several are likely to share one created_at, on a seam at limit 1.
    const made = (await Promise.all(Array.from({ length: 6 }, () => makeOwnSuite(ctx)))).map((s) => String(s.id));
    await walkSizes(suites, made, async () => void (await makeOwnSuite(ctx)));
  });
  await scenario(ctx, () => walkEnd(ctx, suites));
  const [testId] = (await ctx.resources()).testIds;
  if (!testId) {
    ctx.notes.push("lifecycle-list-page-seams: no test known, so the list of a test's runs was not walked");
    return;
  }
  const runs: Listing = { operation: 'listTestRuns', field: 'runs', fetch: (q) => ctx.api.listTestRuns(testId, q) };
  await scenario(ctx, async () => {
    // One batch of the same test: its runs share one created_at, so every seam among them is one.
    const batch = await ctx.api.runTestsBatch({ entries: Array.from({ length: 8 }, () => ({ test_id: testId })) });
    const body = expectStatus(batch, 202, 'a batch of 8 entries of one test', 'runTestsBatch');
    if (isRec(body.suite_run)) ctx.own.add(String(body.suite_run.id));
    const made = (Array.isArray(body.runs) ? body.runs.filter(isRec) : []).map((r) => String(r.id));
    await walkSizes(runs, made);
  });
  await scenario(ctx, () => walkEnd(ctx, runs));
}
