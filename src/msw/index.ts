// suiterun-kit/msw: the reference server's behaviour as MSW 2 request handlers, for front-end
// tests (setupServer) and the browser (setupWorker), with no server to start. The handlers run
// the server's own steps (src/server's framework-free functions), the wire rules (src/wire),
// domain and store: one definition of the behaviour. Nothing here, nor anything it imports,
// needs a node built-in.
import { http } from 'msw/core/http';
import type { HttpHandler } from 'msw';
import controlDocument from '../generated/control.contract.json' with { type: 'json' };
import publicDocument from '../generated/openapi.contract.json' with { type: 'json' };
import { createContract, type Contract, type ContractDocument } from '../contract/compile.ts';
import { createIdMinter } from '../ids/index.ts';
import { fixturesFromData, type FixtureFiles } from '../store/fixture-data.ts';
import { createStore } from '../store/store.ts';
import type { Handler } from '../server/context.ts';
import { controlHandlers } from '../server/handlers/control.ts';
import { suiteRunHandlers } from '../server/handlers/suite-runs.ts';
import { testRunHandlers } from '../server/handlers/test-runs.ts';
import { createAppContext } from '../server/seams.ts';
import { createWorker, DEFAULT_WORKER_TIMING, idleWorker, type WorkerTiming } from '../server/worker.ts';
import { BUNDLED_FIXTURES } from './bundled-fixtures.ts';
import { createControl, type SuiteRunControl } from './control.ts';
import { respond } from './pipeline.ts';
import { createManualTimeline, realTimeline } from './timeline.ts';

export {
  SuiteRunControlError,
  type ControlAdvanceRequest,
  type ControlCallOptions,
  type ControlSuiteRequest,
  type SuiteRunControl,
} from './control.ts';
export type { FixtureFiles } from '../store/fixture-data.ts';
export type { WorkerTiming } from '../server/worker.ts';

export interface SuiteRunHandlersOptions {
  /**
   * Where the API lives: an absolute URL (`https://api.example.test`, `http://localhost:4010/api`),
   * or in a browser a path of the page's origin (`/api`). The operations answer under `<baseUrl>/v1/`.
   */
  baseUrl: string;
  /**
   * The contents of workspaces.json, suite-runs.json and test-runs.json (checked as `serve` checks files);
   * the bundled ones by default.
   */
  fixtures?: FixtureFiles;
  /**
   * `manual` (default): time stands still until the test calls `control.tick(ms)`; the workers'
   * delays pass on that clock. `real`: the host's clock and timers, as `serve --clock real`.
   */
  clock?: 'manual' | 'real';
  /** Where a manual clock starts (ms since the epoch); now by default. */
  startTime?: number;
  /**
   * How new runs (Run All, batch, resubmit, one test) move on their own: after ~pendingMs they
   * start, ~runningMs later they end, `failRate` of them not passing. `false`: they stay pending
   * until `control.advance` moves them. Default: serve's timings (1500 ms, 4000 ms, 0.2).
   */
  workers?: WorkerTiming | false;
  /** The workers' randomness (jitter, fail rate) in [0, 1); Math.random by default. */
  random?: () => number;
}

export interface SuiteRunHandlers {
  /** One handler per public operation, then one answering 401/404/405 for anything else under `<baseUrl>/v1`. */
  handlers: HttpHandler[];
  control: SuiteRunControl & {
    /** Moves a manual clock `ms` forward, running the workers' steps that fall due; throws on a real clock. */
    tick(ms: number): void;
    /** The handlers' current time (ms since the epoch). */
    now(): number;
  };
}

let contracts: { public: Contract; control: Contract } | undefined;
/** Compiled once per page or process and shared: validators compile lazily on first use. */
function sharedContracts() {
  contracts ??= {
    public: createContract(publicDocument as unknown as ContractDocument),
    control: createContract(controlDocument as unknown as ContractDocument),
  };
  return contracts;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * The request's path below the base URL (`/v1/...`, still percent-encoded as sent), or undefined
 * for a request elsewhere. A base without an origin (`/api`) is the page's own origin in a
 * browser, and any origin where there is no page.
 */
function createBaseMatcher(base: string): (request: Request) => string | undefined {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(base) || page !== undefined;
  const url = new URL(base || '/', page ?? 'http://any.invalid');
  const origin = absolute ? url.origin : undefined;
  const prefix = trimSlash(url.pathname);
  return (request) => {
    const target = new URL(request.url);
    if (origin !== undefined && target.origin !== origin) return undefined;
    if (prefix && target.pathname !== prefix && !target.pathname.startsWith(`${prefix}/`)) return undefined;
    return target.pathname.slice(prefix.length);
  };
}

export function createSuiteRunHandlers(options: SuiteRunHandlersOptions): SuiteRunHandlers {
  if (typeof options?.baseUrl !== 'string')
    throw new TypeError('createSuiteRunHandlers: options.baseUrl is required (e.g. "https://api.example.test")');
  const base = trimSlash(options.baseUrl);
  const timeline = options.clock === 'real' ? realTimeline : createManualTimeline(options.startTime ?? Date.now());
  const fixtures = fixturesFromData(options.fixtures ?? BUNDLED_FIXTURES);
  const { public: contract, control: controlContract } = sharedContracts();
  const store = createStore({ fixtures, now: () => timeline.clock.now(), minter: createIdMinter() });
  const worker =
    options.workers === false
      ? idleWorker
      : createWorker(store, { ...DEFAULT_WORKER_TIMING, ...options.workers }, options.random, timeline.timers);
  const app = createAppContext({ contract, controlContract, store, worker });
  const publicHandlers: Record<string, Handler> = { ...suiteRunHandlers(app), ...testRunHandlers(app) };
  const target = { app, handlers: publicHandlers };

  // Requests are matched by the spec's own route table (the one `serve` routes with), not by
  // msw's path patterns: those decode path segments and throw on a malformed one (`%E0%A4%A`),
  // where the contract answers 404.
  const below = createBaseMatcher(base);
  const resolver = ({ request }: { request: Request }) => respond(target, request, below(request)!);
  const handlers = contract.operations.map((operation) =>
    http[operation.method as 'get' | 'post'](({ request }) => {
      const path = below(request);
      if (path === undefined) return false;
      const found = contract.resolve(request.method, path);
      return found.kind === 'operation' && found.operation === operation;
    }, resolver),
  );
  // Anything else under <baseUrl>/v1: 401, 404 or 405 with Allow, as `serve` answers it.
  handlers.push(http.all(({ request }) => /^\/v1(\/|$)/.test(below(request) ?? ''), resolver));

  const control = createControl(app, controlContract, controlHandlers(app));
  return {
    handlers,
    control: {
      ...control,
      tick(ms) {
        if (!timeline.tick)
          throw new Error('control.tick(ms) moves a manual clock; these handlers use the real one (clock: "real")');
        timeline.tick(ms);
      },
      now: () => timeline.clock.now(),
    },
  };
}
