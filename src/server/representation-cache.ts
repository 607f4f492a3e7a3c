// Serialized suite representations (UTF-8 bytes, ready to write), kept while the suite they were made from is still the
// stored one. Stored suites are immutable values (src/store/workspace-state.ts): any change
// stores a new object, so "same object" means "same representation" and nothing needs to be
// invalidated by hand. Bounded by total size, least recently used first out, so that a store
// of 100,000 suites does not end up holding a copy of each one as text.
//
// Agent and test names are part of the representation; they are fixed for a server's life
// (the fixtures name them, and no operation renames). If renaming ever arrives, the key must
// also carry a names revision.
import type { SuiteRun } from '../domain/types.ts';

const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;

// TextEncoder rather than Buffer: the presenter also serves the MSW handlers in a browser.
const utf8 = new TextEncoder();

export interface RepresentationCache {
  /** The cached bytes for this very suite object, or made now from `make`'s text (and cached). */
  get(suite: SuiteRun, make: () => string): Uint8Array;
  readonly bytes: number;
  readonly size: number;
}

export function createRepresentationCache(maxBytes = DEFAULT_CACHE_BYTES): RepresentationCache {
  // Map iteration order is insertion order: a hit is moved to the end, the front is the oldest.
  const entries = new Map<string, { suite: SuiteRun; bytes: Uint8Array }>();
  let bytes = 0;

  function drop(id: string): void {
    const entry = entries.get(id);
    if (!entry) return;
    bytes -= entry.bytes.length;
    entries.delete(id);
  }

  return {
    get(suite, make) {
      const found = entries.get(suite.id);
      if (found && found.suite === suite) {
        entries.delete(suite.id);
        entries.set(suite.id, found);
        return found.bytes;
      }
      drop(suite.id);
      const made = utf8.encode(make());
      if (made.length > maxBytes) return made;
      for (const oldest of entries.keys()) {
        if (bytes + made.length <= maxBytes) break;
        drop(oldest);
      }
      entries.set(suite.id, { suite, bytes: made });
      bytes += made.length;
      return made;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
  };
}
