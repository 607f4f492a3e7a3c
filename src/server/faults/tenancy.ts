// The tenancy faults: decorators over finding a suite. Another workspace's suite does not exist
// for the caller (404); these find its owner with the store's public reads and answer otherwise.
import { ApiError, type ErrorTemplate } from '../../wire/errors.ts';
import type { Store } from '../../store/store.ts';
import type { Seams } from '../seams.ts';
import { holderOf } from './holder.ts';

/** Answered only by tenancy-403: the contract never answers 403. An ApiError like any other. */
const FORBIDDEN: ErrorTemplate = {
  code: 'forbidden',
  status: 403,
  message: 'This resource belongs to another workspace.',
};

/** The other workspace that holds suite `id`, with the suite, when the caller's does not. */
function otherHolder(store: Store, workspace: string, id: string) {
  if (store.suite(workspace, id) !== undefined) return undefined;
  return holderOf(store, store.suite, id);
}

/** tenancy-403: another workspace's suite answers 403 instead of 404. */
export function tenancy403(lookups: Seams['lookups']): Seams['lookups'] {
  return (store) => {
    const base = lookups(store);
    return {
      ...base,
      findSuite(workspace, id) {
        if (otherHolder(store, workspace, id) !== undefined) throw new ApiError(FORBIDDEN);
        return base.findSuite(workspace, id);
      },
    };
  };
}

/** tenancy-leak: another workspace's suite is found, in its own workspace (so it can be cancelled or resubmitted). */
export function tenancyLeak(lookups: Seams['lookups']): Seams['lookups'] {
  return (store) => {
    const base = lookups(store);
    return {
      ...base,
      findSuite(workspace, id) {
        const other = otherHolder(store, workspace, id);
        if (other !== undefined) return { workspace: other.workspace, suite: other.value };
        return base.findSuite(workspace, id);
      },
    };
  };
}
