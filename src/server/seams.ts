// The roles the reference server is built from, each with the real one as its default.
// startServer builds every server from a Seams record: a caller may put its own in front of any
// role and keep the defaults for the rest (src/server/faults/ does, for the deliberate bugs).
// The modules that play these roles know nothing of who wraps them.
import type { RequestHandler } from 'express';
import { cancelSuite } from '../domain/cancel.ts';
import { deriveSuite } from '../domain/derive.ts';
import { planResubmit, type ResubmitPlan } from '../domain/resubmit.ts';
import type { SuiteRun } from '../domain/types.ts';
import { createIdMinter, type IdMinter } from '../ids/index.ts';
import type { WorkspaceFixture } from '../store/fixtures.ts';
import { createKeyring, type Keyring } from '../store/keyring.ts';
import type { CancelRule, Store } from '../store/store.ts';
import type { AppContext, Handler } from './context.ts';
import { dispatchOperation, type Dispatch } from './dispatch.ts';
import { controlHandlers } from './handlers/control.ts';
import { suiteRunHandlers } from './handlers/suite-runs.ts';
import { testRunHandlers } from './handlers/test-runs.ts';
import { createLookups, type Lookups } from './lookups.ts';
import { createPresenter, type Derive } from './presenter.ts';
import { checkPathIds, type PathIdCheck } from '../wire/routing.ts';

export interface Seams {
  /** A new minter for each server: the store mints every id with it. */
  minter: () => IdMinter;
  /** How the store cancels a suite at an instant. */
  cancelRule: CancelRule;
  /** API keys -> workspaces, from the fixtures' workspaces (the store keeps it, auth asks it). */
  keyring: (workspaces: readonly WorkspaceFixture[]) => Keyring;
  /** A suite's derived fields from its children (the presenter). */
  derive: Derive;
  /** Finding the caller's resources (the handlers). */
  lookups: (store: Store) => Lookups;
  /** Which children a resubmit runs again. */
  planResubmit: (parent: SuiteRun) => ResubmitPlan;
  /** Pipeline steps between the docs and auth: none. */
  beforeAuth: (app: AppContext) => RequestHandler[];
  /** Path ids decoded, or 404 for a malformed one (routing). */
  checkPathIds: PathIdCheck;
  /** The operations' handlers, by operationId. */
  handlers: (app: AppContext) => Record<string, Handler>;
  /** Runs a routed request's handler, through the idempotency records. */
  dispatch: Dispatch;
}

/** The seams of the pipeline itself (createApp). */
export type PipelineSeams = Pick<Seams, 'beforeAuth' | 'checkPathIds' | 'handlers' | 'dispatch'>;

export const DEFAULT_SEAMS: Readonly<Seams> = {
  minter: () => createIdMinter(),
  cancelRule: cancelSuite,
  keyring: createKeyring,
  derive: deriveSuite,
  lookups: createLookups,
  planResubmit,
  beforeAuth: () => [],
  checkPathIds,
  handlers: (app) => ({ ...suiteRunHandlers(app), ...testRunHandlers(app), ...controlHandlers(app) }),
  dispatch: dispatchOperation,
};

/** What a server's context is made of besides its seams. */
interface ContextParts extends Pick<AppContext, 'contract' | 'controlContract' | 'store' | 'worker'> {
  /** The presenter's representation cache (its default when left out). */
  cacheBytes?: number;
}

/** The context handlers run on: the presenter, lookups and resubmit plan taken from `seams`. */
export function createAppContext(parts: ContextParts, seams: Readonly<Seams> = DEFAULT_SEAMS): AppContext {
  const { cacheBytes, ...rest } = parts;
  return {
    ...rest,
    presenter: createPresenter(parts.store, {
      derive: seams.derive,
      ...(cacheBytes === undefined ? {} : { cacheBytes }),
    }),
    lookups: seams.lookups(parts.store),
    planResubmit: seams.planResubmit,
  };
}
