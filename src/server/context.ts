// What every middleware and handler may use, built once per server by startServer.
import type { Response } from 'express';
import type { Contract, OperationInfo } from '../contract/index.ts';
import type { ResubmitPlan } from '../domain/resubmit.ts';
import type { SuiteRun } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { Answer } from './http.ts';
import type { Lookups } from './lookups.ts';
import type { Presenter } from './presenter.ts';
import type { Worker } from './worker.ts';

export interface AppContext {
  contract: Contract;
  /** Present only when the control interface is on (asked for, and bound to loopback). */
  controlContract: Contract | undefined;
  store: Store;
  presenter: Presenter;
  worker: Worker;
  /** Finding the caller's resources (createLookups over the store). */
  lookups: Lookups;
  /** Which children a resubmit runs again (the domain's planResubmit). */
  planResubmit: (parent: SuiteRun) => ResubmitPlan;
}

/** What the pipeline learned about one request, step by step. */
export interface RequestState {
  workspace?: string;
  operation?: OperationInfo;
  contract?: Contract;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface RequestContext {
  workspace: string;
  operationId: string;
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  idempotencyKey: string | undefined;
}

export type Handler = (request: RequestContext) => Answer;

export function stateOf(res: Response): RequestState {
  const locals = res.locals as { state?: RequestState };
  locals.state ??= { params: {}, query: {}, body: undefined };
  return locals.state;
}
