// API keys -> workspaces. Keys are compared as SHA-256 digests with timingSafeEqual, against
// every known key without stopping at a match, so the time taken says nothing about how
// much of a guess was right.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { WorkspaceFixture } from './fixtures.ts';

export interface Keyring {
  /** The workspace of a valid key; undefined for an unknown or revoked key. */
  workspaceOf(key: string): string | undefined;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export function createKeyring(workspaces: readonly WorkspaceFixture[]): Keyring {
  const entries = workspaces.flatMap((w) => w.keys.map((k) => ({ digest: digest(k.key), workspace: k.revoked ? undefined : w.id })));
  return {
    workspaceOf(key) {
      const candidate = digest(key);
      let found: string | undefined;
      let matched = false;
      for (const entry of entries) {
        const same = timingSafeEqual(candidate, entry.digest);
        if (same && !matched) {
          matched = true;
          found = entry.workspace;
        }
      }
      return found;
    },
  };
}
