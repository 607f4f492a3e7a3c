// Items kept sorted by (created_at, id), so that a page of "newest first after this cursor"
// is a binary search plus `limit` steps, whatever the number of items. The cursor names the
// last item's key rather than its position, so pages stay right while items are added.
export interface OrderKey {
  /** created_at as an ISO-8601 UTC string: all of one format, so text order is time order. */
  t: string;
  id: string;
}

export function compareKeys(a: OrderKey, b: OrderKey): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export interface Page {
  ids: string[];
  /** The key of the last item on the page, when another page follows. */
  nextAfter: OrderKey | null;
}

/**
 * Keys are held as two parallel arrays of strings rather than one array of {t, id} objects:
 * the `t` strings are shared with the records (a suite's children share one created_at), so
 * an entry costs two pointers instead of an object (a store of 2,000,000 runs saves ~64 MB).
 */
export class OrderedIndex {
  private readonly ts: string[] = [];
  private readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  insert(key: OrderKey): void {
    const last = this.ids.length - 1;
    // New items are almost always the newest: append without searching.
    if (last < 0 || this.compareAt(last, key) < 0) {
      this.ts.push(key.t);
      this.ids.push(key.id);
      return;
    }
    const at = this.lowerBound(key);
    this.ts.splice(at, 0, key.t);
    this.ids.splice(at, 0, key.id);
  }

  /** Newest first, starting strictly after (older than) `after` when given. */
  pageNewestFirst(after: OrderKey | undefined, limit: number): Page {
    const start = (after ? this.lowerBound(after) : this.ids.length) - 1;
    const ids: string[] = [];
    let i = start;
    for (; i >= 0 && ids.length < limit; i -= 1) ids.push(this.ids[i]!);
    const hasMore = i >= 0;
    return { ids, nextAfter: hasMore ? { t: this.ts[i + 1]!, id: this.ids[i + 1]! } : null };
  }

  private compareAt(i: number, key: OrderKey): number {
    return compareKeys({ t: this.ts[i]!, id: this.ids[i]! }, key);
  }

  /** The first position whose key is >= `key`. */
  private lowerBound(key: OrderKey): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareAt(mid, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
