// The public shapes of the conformance kit: what runVerify takes and what it gives back.
// Kept apart from the implementation so reporters and the CLI depend on data only.
import type { Exchange } from './http/exchange.ts';

export const GROUPS = [
  'schema',
  'ids',
  'derivation',
  'cancel',
  'idempotency',
  'auth',
  'notfound',
  'tenancy',
  'lifecycle',
  'version',
] as const;
export type GroupName = (typeof GROUPS)[number];

export interface VerifyOptions {
  /** Base URL of the implementation under test, e.g. http://127.0.0.1:4010 (no trailing slash needed). */
  target: string;
  /** Key of the workspace the run acts in. Default `sk_test_alpha`. */
  apiKey?: string;
  /** Key of a second workspace, for tenancy. Default `sk_test_bravo`; `null` turns tenancy off. */
  otherApiKey?: string | null;
  /** A key the target must refuse (revoked). Default `sk_test_revoked`; `null` skips that check. */
  revokedApiKey?: string | null;
  /** Base URL of the control interface. Default `${target}/_control`. */
  controlUrl?: string;
  /** True when the caller asked for controlUrl explicitly: then an absent control interface is an error. */
  controlRequired?: boolean;
  /** Run the black-box profile only, even when a control interface exists. */
  noControl?: boolean;
  /** An agent of the workspace for Run All (black-box profile). */
  agentId?: string;
  /** Tests of the workspace for batch (black-box profile). */
  testIds?: string[];
  /** Runs per property. Default 100. */
  runs?: number;
  /** Seed of every property; random when absent (and reported). */
  seed?: number;
  /** Replay one counterexample: needs `seed` and `only` naming exactly one property check. */
  path?: string;
  /** Groups or check ids to run; empty means all. */
  only?: string[];
  /** Per-request timeout (the whole answer). Default 10 000 ms; a request past it fails its check. Never retried. */
  timeoutMs?: number;
  /** Checks in flight at once (checks marked exclusive run alone). Default 8; 1 runs them one after another. */
  concurrency?: number;
  /** Requests per second across the whole run, for a shared target. Default: no limit. */
  rate?: number;
  /** POST {controlUrl}/reset before the run (drops the target's data!). Default false. */
  reset?: boolean;
  /** The target is a server started in-process for this run: replay lines leave --target out. */
  inProcess?: boolean;
  /** Known failures (`--baseline`): reported, marked known, but they do not fail the run. */
  baseline?: Baseline;
  /** Called as the run progresses (the CLI prints it; the kit never prints). */
  onProgress?: (event: ProgressEvent) => void;
  /** Called with every exchange of the run, probes included (`verify --har` records them). */
  onExchange?: (exchange: Exchange) => void;
}

/** A baseline file (`--baseline`, `--write-baseline`): the failures a team knows about. */
export interface Baseline {
  version: 1;
  failures: BaselineEntry[];
  /** Where it was read from (shown in reports); not part of the file. */
  source?: string;
}

export interface BaselineEntry {
  /** A check id of the catalogue. */
  check: string;
  /** The check's title when written (for people reading the file; never matched). */
  title?: string;
}

/** What the baseline did to this run. */
export interface BaselineOutcome {
  source?: string;
  /** Failing checks that the baseline lists: reported, not failing the run. */
  known: string[];
  /** Checks the baseline lists that ran and passed: remove them from the baseline. */
  fixed: string[];
  /** Checks the baseline lists that did not run (not selected, or skipped): neither known nor fixed. */
  notRun: string[];
}

export type ProgressEvent =
  | { type: 'start'; checks: number; profile: Profile; plan: Array<{ id: string; group: GroupName }> }
  | { type: 'check-start'; id: string; group: GroupName }
  | { type: 'check-end'; result: CheckResult };

/** control: suites made to order; black-box: Run All / batch only; stateless: the target keeps no state (a mock). */
export type Profile = 'control' | 'black-box' | 'stateless';
export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One recorded HTTP exchange, as a report shows it. */
export interface ExchangeRecord {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  ms: number;
  error?: string;
}

/**
 * `violation`: the target broke the rule named; `setup`: arranging the scenario failed; `error`: the check
 * stopped on an unexpected error. Only a violation proves anything.
 */
export type FailureKind = 'violation' | 'setup' | 'error';

export interface FailureReport {
  checkId: string;
  /** The stable kebab-case id of the rule broken; `setup` or `unexpected-error` for the other kinds. */
  rule: string;
  kind: FailureKind;
  operation?: string;
  title: string;
  message: string;
  /** The exchanges the failure is about (the offending answers). */
  exchanges: ExchangeRecord[];
  /** Shell lines that redo the minimal failing scenario. */
  repro: string[];
  /** The minimal (shrunk) scenario as fast-check prints it. */
  scenario?: string;
  seed?: number;
  path?: string;
  /** The verify command that replays it exactly. */
  replay?: string;
}

/**
 * The clause of spec/openapi.yaml a check enforces, and what that clause follows (CONTRACT.md, the provider's
 * document).
 */
export interface CheckSource {
  /** `spec/openapi.yaml#/x-contract-clauses/<clause id>`. */
  clause: string;
  /** E.g. `CONTRACT.md § Cancel`, `provider OpenAPI (cancelSuiteRun)`. */
  follows: string[];
}

export interface CheckResult {
  id: string;
  group: GroupName;
  title: string;
  /**
   * Where the rule the check enforces is written: its clause (CheckDefinition.clause,
   * conformance/checks/sources.ts).
   */
  source?: CheckSource;
  status: CheckStatus;
  /** Why it was skipped. */
  reason?: string;
  failure?: FailureReport;
  /** Set with a baseline: `known` a failure the baseline lists, `fixed` a pass the baseline lists as failing. */
  baseline?: 'known' | 'fixed';
  durationMs: number;
  requests: number;
}

export interface VerifyReport {
  outcome: 'passed' | 'failed' | 'could-not-run';
  /** One line: why the run could not run, or what failed. */
  reason: string;
  target: string;
  profile?: Profile;
  seed: number;
  runs: number;
  startedAt: string;
  durationMs: number;
  requests: number;
  results: CheckResult[];
  /** failed counts every failed check; known, how many of them the baseline lists (they do not fail the run). */
  summary: { checks: number; passed: number; failed: number; skipped: number; known: number };
  baseline?: BaselineOutcome;
  notes: string[];
}
