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

export class OrderedIndex {
  private readonly keys: OrderKey[] = [];

  get size(): number {
    return this.keys.length;
  }

  insert(key: OrderKey): void {
    const last = this.keys[this.keys.length - 1];
    // New items are almost always the newest: append without searching.
    if (!last || compareKeys(last, key) < 0) {
      this.keys.push(key);
      return;
    }
    this.keys.splice(this.lowerBound(key), 0, key);
  }

  /** Newest first, starting strictly after (older than) `after` when given. */
  pageNewestFirst(after: OrderKey | undefined, limit: number): Page {
    const start = (after ? this.lowerBound(after) : this.keys.length) - 1;
    const ids: string[] = [];
    let i = start;
    for (; i >= 0 && ids.length < limit; i -= 1) ids.push(this.keys[i]!.id);
    const hasMore = i >= 0;
    return { ids, nextAfter: hasMore ? { ...this.keys[i + 1]! } : null };
  }

  /** The first position whose key is >= `key`. */
  private lowerBound(key: OrderKey): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.keys[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
