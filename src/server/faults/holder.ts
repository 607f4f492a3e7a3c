// The faults that look across workspaces find an id's holder with the store's public reads only.
import type { Store } from '../../store/store.ts';

/** The first workspace where `read` (one of the store's reads by id) finds `id`, with what it found. */
export function holderOf<T>(
  store: Store,
  read: (workspace: string, id: string) => T | undefined,
  id: string,
): { workspace: string; value: T } | undefined {
  for (const workspace of store.workspaceIds) {
    const value = read(workspace, id);
    if (value !== undefined) return { workspace, value };
  }
  return undefined;
}
