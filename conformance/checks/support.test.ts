// The newest-first page walk three checks share: where it stops, and that an empty page which
// still promises more is read past (the contract does not say a page holds anything).
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../http/exchange.ts';
import { toInstant } from '../oracle/instants.ts';
import { newestFirstPages } from './support.ts';

type Page = { runs: unknown[]; has_more: unknown; next_cursor: unknown };

/** A list target answering the pages in order; page i is asked for with cursor `c${i}`. */
function target(pages: Page[]) {
  const asked: (string | undefined)[] = [];
  const read = async (cursor: string | undefined): Promise<Exchange> => {
    asked.push(cursor);
    const page = pages[cursor === undefined ? 0 : Number(cursor.slice(1))]!;
    return { status: 200, json: page, text: JSON.stringify(page), responseHeaders: {} } as unknown as Exchange;
  };
  return { read, asked };
}

const run = (id: string, at: string) => ({ id, created_at: at });

async function walk(pages: Page[], since?: string, maxPages?: number) {
  const { read, asked } = target(pages);
  const seen: number[] = [];
  const options = { since: since ? toInstant(since) : undefined, what: (n: number) => `page ${n}`, operation: 'op' };
  for await (const page of newestFirstPages(read, 'runs', { ...options, ...(maxPages ? { maxPages } : {}) })) {
    seen.push(page.items.length);
  }
  return { seen, asked };
}

describe('newestFirstPages', () => {
  it('reads past an empty page that promises more, to the page after it', async () => {
    const { seen, asked } = await walk([
      { runs: [], has_more: true, next_cursor: 'c1' },
      { runs: [run('run_b', '2026-12-01T10:00:00Z')], has_more: false, next_cursor: null },
    ]);
    expect(seen).toEqual([0, 1]);
    expect(asked).toEqual([undefined, 'c1']);
  });

  it('stops when has_more is not true or there is no cursor', async () => {
    const more = (has_more: unknown, next_cursor: unknown): Page[] => [
      { runs: [run('run_a', '2026-12-01T10:00:00Z')], has_more, next_cursor },
      { runs: [run('run_b', '2026-12-01T09:00:00Z')], has_more: false, next_cursor: null },
    ];
    expect((await walk(more(false, 'c1'))).seen).toEqual([1]);
    expect((await walk(more('true', 'c1'))).seen).toEqual([1]);
    expect((await walk(more(true, null))).seen).toEqual([1]);
    expect((await walk(more(true, 'c1'))).seen).toEqual([1, 1]);
  });

  it('stops after a page that ends older than the instant asked about, and at the page cap', async () => {
    const pages: Page[] = [
      { runs: [run('run_a', '2026-12-01T10:00:00Z')], has_more: true, next_cursor: 'c1' },
      { runs: [run('run_b', '2026-12-01T09:00:00Z')], has_more: true, next_cursor: 'c2' },
      { runs: [run('run_c', '2026-12-01T08:00:00Z')], has_more: false, next_cursor: null },
    ];
    expect((await walk(pages, '2026-12-01T09:30:00Z')).seen).toEqual([1, 1]);
    expect((await walk(pages)).seen).toEqual([1, 1, 1]);
    expect((await walk(pages, undefined, 2)).seen).toEqual([1, 1]);
  });
});
