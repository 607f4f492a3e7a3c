// Options as given -> options as used: defaults filled in, every value checked. A bad value is a
// CouldNotRun (the CLI turns it into exit 2 with the one-line reason).
import { randomInt } from 'node:crypto';
import { COULD_NOT_RUN, CouldNotRun } from './errors.ts';
import type { VerifyOptions } from './types.ts';

export interface ResolvedOptions {
  target: string;
  controlUrl: string;
  controlRequired: boolean;
  noControl: boolean;
  keys: { main: string; other: string | undefined; revoked: string | undefined };
  agentId?: string;
  testIds: string[];
  runs: number;
  seed: number;
  /** fast-check's counterexample path. */
  path?: string;
  /** fast-check's replay hint for command sequences (after `~` in --path). */
  commandsReplayPath?: string;
  only: string[];
  timeoutMs: number;
  concurrency: number;
  rate?: number;
  reset: boolean;
  inProcess: boolean;
}

export const DEFAULT_KEYS = { main: 'sk_test_alpha', other: 'sk_test_bravo', revoked: 'sk_test_revoked' } as const;
export const DEFAULT_RUNS = 100;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONCURRENCY = 8;

function httpUrl(value: string, error: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return value.replace(/\/+$/, '');
  } catch {
    throw new CouldNotRun(error);
  }
}

function positiveInteger(flag: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new CouldNotRun(COULD_NOT_RUN.BAD_NUMBER(flag, value));
  return value;
}

function positiveRate(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new CouldNotRun(COULD_NOT_RUN.BAD_RATE(value));
  return value;
}

export function resolveOptions(options: VerifyOptions): ResolvedOptions {
  const target = httpUrl(options.target, COULD_NOT_RUN.BAD_TARGET(options.target));
  const controlUrl = options.controlUrl
    ? httpUrl(options.controlUrl, COULD_NOT_RUN.BAD_CONTROL_URL(options.controlUrl))
    : `${target}/_control`;
  if (options.seed !== undefined && !Number.isInteger(options.seed))
    throw new CouldNotRun(COULD_NOT_RUN.BAD_NUMBER('--seed', options.seed));
  if (options.path !== undefined && options.seed === undefined)
    throw new CouldNotRun(COULD_NOT_RUN.PATH_WITHOUT_SEED());
  const [path, commandsReplayPath] = options.path !== undefined ? options.path.split('~') : [];
  return {
    target,
    controlUrl,
    controlRequired: Boolean(options.controlRequired),
    noControl: Boolean(options.noControl),
    keys: {
      main: options.apiKey ?? DEFAULT_KEYS.main,
      other: options.otherApiKey === null ? undefined : (options.otherApiKey ?? DEFAULT_KEYS.other),
      revoked: options.revokedApiKey === null ? undefined : (options.revokedApiKey ?? DEFAULT_KEYS.revoked),
    },
    ...(options.agentId ? { agentId: options.agentId } : {}),
    testIds: options.testIds ?? [],
    runs: positiveInteger('--runs', options.runs, DEFAULT_RUNS),
    // fast-check seeds are 32-bit integers.
    seed: options.seed ?? randomInt(0, 2 ** 31 - 1),
    ...(path ? { path } : {}),
    ...(commandsReplayPath ? { commandsReplayPath } : {}),
    only: options.only ?? [],
    timeoutMs: positiveInteger('--timeout', options.timeoutMs, DEFAULT_TIMEOUT_MS),
    concurrency: positiveInteger('--concurrency', options.concurrency, DEFAULT_CONCURRENCY),
    ...(options.rate !== undefined ? { rate: positiveRate(options.rate) } : {}),
    reset: Boolean(options.reset),
    inProcess: Boolean(options.inProcess),
  };
}
