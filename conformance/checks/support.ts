// Small assertions shared by the checks; each throws a CheckFailure carrying the exchange.
import type { CheckContext } from '../context.ts';
import { asSetup, CheckFailure } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';
import { isRec } from '../oracle/derivation.ts';
import { toInstant } from '../oracle/instants.ts';

export { runsOf } from '../oracle/derivation.ts';
import { snippet } from '../oracle/schema.ts';

export type Rec = Record<string, unknown>;

/** A violation; `rule` names the contract rule broken when it is not the check's own (see oracle/rules.ts). */
export function fail(message: string, exchanges: Exchange[] = [], operation?: string, rule?: string): never {
  throw new CheckFailure({ message, exchanges, ...(operation ? { operation } : {}), ...(rule ? { rule } : {}) });
}

export function describeAnswer(exchange: Exchange): string {
  if (!exchange.status) return `no answer (${exchange.error})`;
  const code = (exchange.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return `${exchange.status}${code ? ` ${String(code)}` : ''}`;
}

/** The answer must have one of these statuses; returns its JSON body as a record. */
export function expectStatus(exchange: Exchange, expected: number | number[], what: string, operation?: string): Rec {
  const allowed = Array.isArray(expected) ? expected : [expected];
  if (!allowed.includes(exchange.status)) {
    const body = exchange.status ? `: ${snippet(exchange.text)}` : '';
    fail(`${what}: expected ${allowed.join(' or ')}, got ${describeAnswer(exchange)}${body}`, [exchange], operation);
  }
  return isRec(exchange.json) ? exchange.json : {};
}

/** A non-2xx answer with this status and one of these error codes. */
export function expectError(
  exchange: Exchange,
  status: number,
  codes: string[],
  what: string,
  operation?: string,
): void {
  const body = expectStatus(exchange, status, what, operation);
  const code = isRec(body.error) ? body.error.code : undefined;
  if (!codes.includes(String(code))) {
    fail(`${what}: expected error code ${codes.join(' or ')}, got ${JSON.stringify(code)}`, [exchange], operation);
  }
}

/**
 * Does a `fields` key name entry `index` of the batch? The contract says `fields` maps a path to
 * a message, not how a path is written: `entries[1].test_id`, `entries.1.test_id` and
 * `/entries/1/test_id` all name it.
 */
export function namesEntry(field: string, index: number): boolean {
  return new RegExp(`^/?entries(\\[${index}\\]|[./]${index}(?![0-9]))`).test(field);
}

/** The 201/200/202 body of a suite with runs, or a failure saying it is not one. */
export function suiteBody(exchange: Exchange, status: number, what: string, operation?: string): Rec {
  const body = expectStatus(exchange, status, what, operation);
  if (typeof body.id !== 'string' || !Array.isArray(body.runs))
    fail(`${what}: the answer is not a suite run with runs: ${snippet(exchange.text)}`, [exchange], operation);
  return body;
}

/** The 201 body of a suite the control interface made to arrange a scenario: anything else is a failed set-up. */
export function madeSuite(exchange: Exchange): Rec {
  try {
    return suiteBody(exchange, 201, 'the control interface made no suite', 'controlCreateSuiteRun');
  } catch (error) {
    throw error instanceof CheckFailure ? asSetup(error, 'making a suite through the control interface') : error;
  }
}

/** One page of a list walked by newestFirstPages. */
export interface ListPage {
  /** 1 for the first page. */
  number: number;
  exchange: Exchange;
  /** The 200 body. */
  body: Rec;
  /** Its items (`suite_runs` or `runs`), objects only. */
  items: Rec[];
}

/**
 * The pages of a newest-first list, each read with the cursor of the page before and expected
 * to be a 200 (`what(n)` names page n in the failure), until a page promises nothing more
 * (has_more not true, or no next_cursor) or ends on an item created before `since` (newest
 * first, no later page can hold anything newer; a created_at that does not parse counts as
 * older than any instant), or after `maxPages` pages. An empty page that promises more is read
 * past: the contract does not say a page holds anything. Each page is judged by the caller
 * before the next is read.
 */
export async function* newestFirstPages(
  read: (cursor: string | undefined) => Promise<Exchange>,
  key: 'suite_runs' | 'runs',
  walk: { since: bigint | undefined; what: (page: number) => string; operation: string; maxPages?: number },
): AsyncGenerator<ListPage, void, undefined> {
  let cursor: string | undefined;
  for (let number = 1; number <= (walk.maxPages ?? 20); number++) {
    const exchange = await read(cursor);
    const body = expectStatus(exchange, 200, walk.what(number), walk.operation);
    const list = body[key];
    const items = Array.isArray(list) ? list.filter(isRec) : [];
    yield { number, exchange, body, items };
    const last = items[items.length - 1];
    if (body.has_more !== true || typeof body.next_cursor !== 'string') return;
    if (last && walk.since !== undefined && (toInstant(last.created_at) ?? 0n) < walk.since) return;
    cursor = body.next_cursor;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs one scenario of a check that is not a property; a failure inside gets every exchange
 * of the scenario as its repro.
 */
export async function scenario<T>(ctx: CheckContext, body: () => Promise<T>): Promise<T> {
  const trace = ctx.http.openTrace();
  try {
    return await body();
  } catch (error) {
    if (error instanceof CheckFailure && !error.scenarioExchanges) error.scenarioExchanges = [...trace.exchanges];
    throw error;
  } finally {
    trace.close();
  }
}

/**
 * Ids of what a target makes (suite runs, test runs), upper-cased: a malformed variant in lower case still
 * names its resource.
 */
const MADE_ID = /(?<![0-9A-Za-z])(?:srun|run)_[0-9A-Za-z]{26}(?![0-9A-Za-z])/g;

function idempotencyKey(exchange: Exchange): string | undefined {
  return Object.entries(exchange.requestHeaders).find(([name]) => name.toLowerCase() === 'idempotency-key')?.[1];
}

function madeIds(exchange: Exchange): Set<string> {
  let path = exchange.path;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A path with a stray % is read as sent.
  }
  const text = `${path}\n${exchange.requestBody ?? ''}\n${exchange.text}`;
  return new Set([...text.matchAll(MADE_ID)].map((m) => m[0].toUpperCase()));
}

/**
 * The repro of a failure that has no scenario of its own: the offending exchanges and, before
 * them, only the writes they depend on. A write (a 2xx non-GET) is kept when it names a suite or
 * test run the kept exchanges name (request or answer), or sends the same Idempotency-Key;
 * reads and refused writes change nothing and are left out. So one wrong answer among a hundred
 * lookups replays as its set-up plus that one request, and its last exchange is the offending one.
 */
export function minimalScenario(trace: readonly Exchange[], offending: readonly Exchange[]): Exchange[] {
  if (!offending.length) return [...trace];
  const last = Math.max(...offending.map((e) => trace.indexOf(e)));
  if (last < 0) return [...offending];
  const ids = new Set<string>();
  const keys = new Set<string>();
  const keep = (e: Exchange) => {
    for (const id of madeIds(e)) ids.add(id);
    const key = idempotencyKey(e);
    if (key !== undefined) keys.add(key);
  };
  offending.forEach(keep);
  const kept = new Set<Exchange>(offending);
  // Until nothing more is kept: a suite made first and advanced later is named by the advance
  // only through the run ids its making answered.
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = last; i >= 0; i--) {
      const e = trace[i]!;
      if (kept.has(e) || e.probe || e.method === 'GET' || e.status < 200 || e.status > 299) continue;
      const key = idempotencyKey(e);
      if ([...madeIds(e)].some((id) => ids.has(id)) || (key !== undefined && keys.has(key))) {
        kept.add(e);
        keep(e);
        grew = true;
      }
    }
  }
  return trace
    .slice(0, last + 1)
    .filter((e) => kept.has(e))
    .concat(offending.filter((e) => !trace.includes(e)));
}
