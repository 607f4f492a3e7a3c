// What every check receives: the clients, the options, the spec, what the run discovered, and
// a property runner bound to the run's seed. Each check gets a context of its own (`forCheck`):
// its own HTTP scope (traces, count, what it saw), so checks may run side by side.
import { randomBytes } from 'node:crypto';
import type fc from 'fast-check';
import { createApi, type ApiClient } from './api.ts';
import { createControl, type ControlClient } from './control.ts';
import { SkipCheck } from './errors.ts';
import type { Exchange, HttpClient } from './http/exchange.ts';
import type { Contracts } from './oracle/schema.ts';
import type { ResolvedOptions } from './options.ts';
import { runProperty, type PropertySettings } from './property.ts';
import type { Profile } from './types.ts';

/** Ids in one workspace that checks may use. `owned`: this run made them (so it may change them). */
export interface Resources {
  agentId?: string;
  testIds: string[];
  suiteRunId?: string;
  testRunId?: string;
  owned: boolean;
  /** How they were found, for the report's notes. */
  source: string;
}

export interface CheckContext {
  /** The id of the check this context belongs to ('' for the run's own context). */
  readonly checkId: string;
  readonly options: ResolvedOptions;
  readonly profile: Profile;
  /** This check's scope of the run's HTTP client. */
  readonly http: HttpClient;
  readonly api: ApiClient;
  /** Undefined in the black-box profile. */
  readonly control: ControlClient | undefined;
  readonly contracts: Contracts;
  /** Random per run (not from the seed): keeps Idempotency-Keys of two runs apart. */
  readonly nonce: string;
  /** Scenario results shared by checks that look at the same scenario (same seed, same values). */
  readonly memo: Map<string, unknown>;
  /** Suite ids this run made: the only suites it changes. */
  readonly own: Set<string>;
  /** This check's notes (the run's report lists them in catalogue order). */
  readonly notes: string[];
  resources(): Promise<Resources>;
  otherResources(): Promise<Resources>;
  property<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, settings?: PropertySettings): Promise<void>;
  /** Adds exchanges made earlier (a memoized scenario) to the repro of the property run in progress. */
  adopt(exchanges: Exchange[]): void;
  skip(reason: string): never;
  /** A context for one check: the same run, an HTTP scope and notes of its own. */
  forCheck(checkId: string): CheckContext;
}

export interface ContextParts {
  options: ResolvedOptions;
  profile: Profile;
  http: HttpClient;
  /** The run has a control interface (each check gets a control client over its own scope). */
  control: boolean;
  contracts: Contracts;
  discover: (ctx: CheckContext) => Promise<Resources>;
  discoverOther: (ctx: CheckContext) => Promise<Resources>;
}

/**
 * A lookup shared by every check (discovery): made once in a scope of its own, then added to
 * each caller's repro and observed exchanges, so every repro has its set-up whichever check
 * happened to ask first.
 */
function sharedLookup<T>(make: () => { promise: Promise<T>; scope: HttpClient; notes: string[] }) {
  let made: ReturnType<typeof make> | undefined;
  return async (caller: CheckContext): Promise<T> => {
    made ??= make();
    try {
      return await made.promise;
    } finally {
      caller.http.adopt([...made.scope.seen]);
      for (const note of made.notes) if (!caller.notes.includes(note)) caller.notes.push(note);
    }
  };
}

export function createContext(parts: ContextParts): CheckContext {
  const nonce = randomBytes(6).toString('hex');
  const memo = new Map<string, unknown>();
  const own = new Set<string>();
  const inScope = (name: string) => {
    const ctx = build(name);
    return { ctx, scope: ctx.http };
  };
  const main = sharedLookup(() => {
    const { ctx, scope } = inScope('(discovery)');
    return { promise: parts.discover(ctx), scope, notes: ctx.notes };
  });
  const other = sharedLookup(() => {
    const { ctx, scope } = inScope('(discovery of the other workspace)');
    return { promise: parts.discoverOther(ctx), scope, notes: ctx.notes };
  });

  function build(checkId: string): CheckContext {
    const http = checkId === '' ? parts.http : parts.http.scope(checkId);
    const ctx: CheckContext = {
      checkId,
      options: parts.options,
      profile: parts.profile,
      http,
      api: createApi(http),
      control: parts.control ? createControl(http) : undefined,
      contracts: parts.contracts,
      nonce,
      memo,
      own,
      notes: [],
      resources: () => main(ctx),
      otherResources: () => other(ctx),
      property: (arb, predicate, settings) => runProperty(http, parts.options, checkId, arb, predicate, settings),
      adopt: (exchanges) => http.adopt(exchanges),
      skip(reason) {
        throw new SkipCheck(reason);
      },
      forCheck: build,
    };
    return ctx;
  }
  return build('');
}
