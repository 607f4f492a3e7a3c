// The id faults: decorators over the minter, the one place ids are made.
import type { Seams } from '../seams.ts';

/** lowercase-ids: the body of every new id in lower case. */
export function lowercaseIds(minter: Seams['minter']): Seams['minter'] {
  return () => {
    const base = minter();
    return {
      mint(prefix, timeMs) {
        const id = base.mint(prefix, timeMs);
        return `${prefix}_${id.slice(prefix.length + 1).toLowerCase()}`;
      },
    };
  };
}

/** short-ids: every new id one character short (25 after the prefix). */
export function shortIds(minter: Seams['minter']): Seams['minter'] {
  return () => {
    const base = minter();
    return { mint: (prefix, timeMs) => base.mint(prefix, timeMs).slice(0, -1) };
  };
}
