// any-bearer-accepted: a decorator over the keyring's key -> workspace lookup.
import type { Seams } from '../seams.ts';

/** any-bearer-accepted: a key the keyring does not know (or has revoked) is the first workspace's. */
export function anyBearerAccepted(keyring: Seams['keyring']): Seams['keyring'] {
  return (workspaces) => {
    const base = keyring(workspaces);
    const first = workspaces[0]?.id;
    return { workspaceOf: (key) => base.workspaceOf(key) ?? first };
  };
}
