// What a check can throw, and the kit's fixed messages for "could not run".
import type { Exchange } from './http/exchange.ts';
import type { FailureKind } from './types.ts';

export type { FailureKind };

export interface CheckFailureInit {
  message: string;
  /** The operationId the failure is about, when there is one. */
  operation?: string;
  /** The offending exchanges (shown in full); the repro uses the whole scenario. */
  exchanges?: Exchange[];
  checkId?: string;
  title?: string;
  /**
   * The stable kebab-case id of the contract rule broken (e.g. `id-format`, `status-derivation`,
   * `cancel-terminal-child-unchanged`). Absent on a violation: the runner names the check's own id.
   */
  rule?: string;
  /**
   * `violation` (default): the target broke the rule; `setup`: a step arranging the scenario failed; `error`:
   * the check stopped on an unexpected error.
   */
  kind?: FailureKind;
}

/** The rule ids of the two failures that prove nothing about the check's own rule. */
const SETUP_RULE = 'setup';
const UNEXPECTED_ERROR_RULE = 'unexpected-error';

/** A contract violation found by a check: structured, so reporters can show it and replay it. */
export class CheckFailure extends Error {
  checkId?: string;
  title?: string;
  operation?: string;
  exchanges: Exchange[];
  /** Every exchange of the (shrunk) scenario, in order: the repro. Filled by the runner. */
  scenarioExchanges?: Exchange[];
  scenario?: string;
  seed?: number;
  path?: string;
  rule?: string;
  kind: FailureKind;

  constructor(init: CheckFailureInit) {
    super(init.message);
    this.name = 'CheckFailure';
    this.checkId = init.checkId;
    this.title = init.title;
    this.operation = init.operation;
    this.exchanges = init.exchanges ?? [];
    this.kind = init.kind ?? 'violation';
    this.rule =
      init.rule ?? (this.kind === 'setup' ? SETUP_RULE : this.kind === 'error' ? UNEXPECTED_ERROR_RULE : undefined);
  }
}

/** A check that stopped on something that is not a CheckFailure: kind `error`, never a proof. */
export function unexpectedError(error: unknown): CheckFailure {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return new CheckFailure({ message: `the check stopped on an unexpected error: ${text}`, kind: 'error' });
}

/** The same failure, reported as a failed set-up step (kind `setup`, rule `setup`). */
export function asSetup(failure: CheckFailure, what?: string): CheckFailure {
  const setup = new CheckFailure({
    message: `set-up failed${what ? ` (${what})` : ''}: ${failure.message}`,
    exchanges: failure.exchanges,
    ...(failure.operation ? { operation: failure.operation } : {}),
    kind: 'setup',
  });
  if (failure.scenarioExchanges) setup.scenarioExchanges = failure.scenarioExchanges;
  return setup;
}

/**
 * Runs a step that arranges a check's scenario (makes a suite, a failed parent, ...): a
 * violation inside it is reported as a failed set-up, never as the check's own rule. A failure
 * of another kind passes through.
 */
export async function setupStep<T>(what: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw error instanceof CheckFailure && error.kind === 'violation' ? asSetup(error, what) : error;
  }
}

/** Thrown by a check that cannot run against this target; the reason is reported. */
export class SkipCheck extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SkipCheck';
  }
}

/** The run as a whole cannot go on: bad options, target unreachable, control asked for but absent. */
export class CouldNotRun extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CouldNotRun';
  }
}

export const COULD_NOT_RUN = {
  BAD_TARGET: (target: string) => `--target "${target}" is not an http(s) URL`,
  BAD_CONTROL_URL: (url: string) => `--control-url "${url}" is not an http(s) URL`,
  UNREACHABLE: (target: string, why: string) => `target ${target} is unreachable: ${why}`,
  KEY_REFUSED: (status: number) =>
    `the target refused the API key (${status} on GET /v1/agents/tests/suite-runs): pass a valid one with --api-key`,
  CONTROL_ABSENT: (url: string, why: string) => `control interface asked for at ${url} but absent: ${why}`,
  UNKNOWN_SELECTION: (names: string[], known: string) =>
    `--only ${names.join(', ')}: unknown group or check (known groups: ${known})`,
  PATH_WITHOUT_SEED: () => '--path needs --seed (both are printed with every failure)',
  PATH_NEEDS_ONE_CHECK: (n: number) =>
    `--path replays one property: select exactly one property check with --only CHECK_ID (${n} selected)`,
  BAD_NUMBER: (flag: string, value: unknown) => `${flag} must be a positive integer, got ${String(value)}`,
  BAD_RATE: (value: unknown) => `--rate must be a positive number of requests per second, got ${String(value)}`,
  RESET_WITHOUT_CONTROL: () => '--reset needs the control interface',
} as const;

export const SKIP = {
  NO_CONTROL: 'needs the control interface (POST /_control/suite-runs) to build suites with chosen child states',
  NO_OTHER_KEY: 'needs a second workspace: pass --other-api-key',
  NO_REVOKED_KEY: 'needs a revoked key: pass --revoked-api-key',
  NO_CREATION:
    'cannot make suites: no control interface and no --agent-id / --test-id (and none found in the first list page)',
  STATELESS:
    'the target keeps no state (two unknown ids read back as one and the same suite: a stateless mock?), and this check needs it',
  NO_AGENT: 'needs an agent: pass --agent-id (or offer the control interface)',
  NO_TESTS: 'needs tests: pass --test-id (or offer the control interface)',
} as const;
