// fast-check under the kit: one seed for the run, `--path` to replay one counterexample, and the
// shrunk counterexample's own exchanges kept as the failure's repro. Each property draws its
// values from (run seed, check id), so what a check generates never depends on which checks ran
// before it or beside it: `--only CHECK --seed S --path P` replays whatever --concurrency was.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { CheckFailure, SkipCheck } from './errors.ts';
import type { Exchange, HttpClient } from './http/exchange.ts';
import type { ResolvedOptions } from './options.ts';

const TRACE = Symbol('trace');
type Traced = { [TRACE]?: Exchange[] };

export interface PropertySettings {
  /** Runs for this property (default: --runs). */
  runs?: number;
  /**
   * The scenario the values feed, when several checks look at one (default: the check's own id).
   * Checks naming the same scenario and arbitrary draw the same values, so a memoized scenario
   * is made once for all of them.
   */
  scenario?: string;
}

/** fast-check's seed for one property: a stable hash of the run seed and the scenario's name. */
export function propertySeed(runSeed: number, scenario: string): number {
  const digest = createHash('sha256').update(`${runSeed}\u0000${scenario}`).digest();
  // fast-check seeds are 32-bit integers; keep them non-negative like the run's.
  return digest.readUInt32BE(0) & 0x7fffffff;
}

export async function runProperty<T>(
  http: HttpClient,
  options: ResolvedOptions,
  checkId: string,
  arb: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  settings: PropertySettings = {},
): Promise<void> {
  const property = fc.asyncProperty(arb, async (value) => {
    const trace = http.openTrace();
    try {
      await predicate(value);
    } catch (error) {
      if (error !== null && typeof error === 'object') (error as Traced)[TRACE] = [...trace.exchanges];
      throw error;
    } finally {
      trace.close();
    }
  });
  const details = await fc.check(property, {
    seed: propertySeed(options.seed, settings.scenario ?? checkId),
    numRuns: settings.runs ?? options.runs,
    // A replay runs exactly the counterexample the path names, and stops there.
    ...(options.path ? { path: options.path, endOnFailure: true } : {}),
  });
  if (!details.failed) return;
  const error = details.errorInstance;
  if (error instanceof SkipCheck) throw error;
  // A fresh failure: a memoized scenario's error object may be thrown again by another check.
  const failure =
    error instanceof CheckFailure
      ? new CheckFailure({ message: error.message, exchanges: error.exchanges, ...(error.operation ? { operation: error.operation } : {}) })
      : new CheckFailure({ message: `the check stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}` });
  failure.scenarioExchanges = (error as Traced | null)?.[TRACE] ?? failure.exchanges;
  // The run's seed: the replay line gives it to --seed, and the hash above finds this property's again.
  failure.seed = options.seed;
  const rendered = fc.stringify(details.counterexample?.[0]);
  const replayPath = /replayPath="([^"]*)"/.exec(rendered)?.[1];
  failure.path = `${details.counterexamplePath ?? ''}${replayPath ? `~${replayPath}` : ''}`;
  failure.scenario = rendered.replace(/\s*\/\*replayPath="[^"]*"\*\//, '');
  throw failure;
}
