// API keys -> workspaces. Keys are compared as SHA-256 digests, every byte, against every known
// key without stopping at a match, so the time taken says nothing about how much of a guess was
// right. Plain TypeScript (sha256.ts), so that the store runs in a browser too (src/msw).
import { sameDigest, sha256 } from './sha256.ts';
import type { WorkspaceFixture } from './fixtures.ts';

export interface Keyring {
  /** The workspace of a valid key; undefined for an unknown or revoked key. */
  workspaceOf(key: string): string | undefined;
}

const digest = (text: string): Uint8Array => sha256(text);

export function createKeyring(workspaces: readonly WorkspaceFixture[]): Keyring {
  const entries = workspaces.flatMap((w) =>
    w.keys.map((k) => ({ digest: digest(k.key), workspace: k.revoked ? undefined : w.id })),
  );
  return {
    workspaceOf(key) {
      const candidate = digest(key);
      let found: string | undefined;
      let matched = false;
      for (const entry of entries) {
        const same = sameDigest(candidate, entry.digest);
        if (same && !matched) {
          matched = true;
          found = entry.workspace;
        }
      }
      return found;
    },
  };
}
