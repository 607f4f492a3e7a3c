// What every check receives: the clients, the options, the spec, what the run discovered, and
// a property runner bound to the run's seed.
import { randomBytes } from 'node:crypto';
import type fc from 'fast-check';
import type { ApiClient } from './api.ts';
import type { ControlClient } from './control.ts';
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
  /** The id of the check running now. */
  checkId: string;
  readonly options: ResolvedOptions;
  readonly profile: Profile;
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
  readonly notes: string[];
  resources(): Promise<Resources>;
  otherResources(): Promise<Resources>;
  property<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, settings?: PropertySettings): Promise<void>;
  /** Adds exchanges made earlier (a memoized scenario) to the repro of the property run in progress. */
  adopt(exchanges: Exchange[]): void;
  skip(reason: string): never;
}

export interface ContextParts {
  options: ResolvedOptions;
  profile: Profile;
  http: HttpClient;
  api: ApiClient;
  control: ControlClient | undefined;
  contracts: Contracts;
  discover: (ctx: CheckContext) => Promise<Resources>;
  discoverOther: (ctx: CheckContext) => Promise<Resources>;
}

export function createContext(parts: ContextParts): CheckContext {
  let main: Promise<Resources> | undefined;
  let other: Promise<Resources> | undefined;
  const ctx: CheckContext = {
    checkId: '',
    options: parts.options,
    profile: parts.profile,
    http: parts.http,
    api: parts.api,
    control: parts.control,
    contracts: parts.contracts,
    nonce: randomBytes(6).toString('hex'),
    memo: new Map(),
    own: new Set(),
    notes: [],
    resources: () => (main ??= parts.discover(ctx)),
    otherResources: () => (other ??= parts.discoverOther(ctx)),
    property: (arb, predicate, settings) => runProperty(parts.http, parts.options, arb, predicate, settings),
    adopt: (exchanges) => parts.http.adopt(exchanges),
    skip(reason) {
      throw new SkipCheck(reason);
    },
  };
  return ctx;
}
