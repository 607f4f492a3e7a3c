// fast-check under the kit: one seed for the run, `--path` to replay one counterexample, and the
// shrunk counterexample's own exchanges kept as the failure's repro. Each property draws its
// values from (run seed, check id), so what a check generates never depends on which checks ran
// before it or beside it: `--only CHECK --seed S --path P` replays whatever --concurrency was.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { CheckFailure, SkipCheck } from './errors.ts';
import type { Exchange, HttpClient, Lane } from './http/exchange.ts';
import type { ResolvedOptions } from './options.ts';

const TRACE = Symbol('trace');
// The failing value as it read when it failed. A model command's label names the state it met, and
// fast-check reuses command objects while it shrinks: after the search, a later candidate that
// passed may have relabelled them, so the counterexample is rendered at its failure, not after.
const RENDERED = Symbol('rendered');
type Traced = { [TRACE]?: Exchange[]; [RENDERED]?: string };

export interface PropertySettings {
  /** Runs for this property (default: --runs). */
  runs?: number;
  /**
   * The scenario the values feed, when several checks look at one (default: the check's own id).
   * Checks naming the same scenario and arbitrary draw the same values, so a memoized scenario
   * is made once for all of them.
   */
  scenario?: string;
  /**
   * The runs share state (fast-check's command sequences keep their replay path): never run
   * them side by side.
   */
  sequential?: boolean;
}

/** fast-check's seed for one property: a stable hash of the run seed and the scenario's name. */
function propertySeed(runSeed: number, scenario: string): number {
  const digest = createHash('sha256').update(`${runSeed}\u0000${scenario}`).digest();
  // fast-check seeds are 32-bit integers; keep them non-negative like the run's.
  return digest.readUInt32BE(0) & 0x7fffffff;
}

/** The values fast-check's own run would try, in its order (the predicate is not called). */
async function valuesOf<T>(arb: fc.Arbitrary<T>, seed: number, numRuns: number): Promise<T[]> {
  const values: T[] = [];
  await fc.check(
    fc.asyncProperty(arb, async (value) => void values.push(value)),
    { seed, numRuns },
  );
  return values;
}

/**
 * Runs the predicate over the values, up to `limit` at once, each in a lane of its own; the
 * lanes go to the check's scope in value order, so what the check saw never depends on timing.
 * Returns the index of the first value that failed, or -1.
 */
async function firstFailure<T>(
  http: HttpClient,
  values: T[],
  predicate: (value: T) => Promise<void>,
  limit: number,
): Promise<{ index: number; error?: unknown }> {
  const failed: boolean[] = values.map(() => false);
  const errors: unknown[] = values.map(() => undefined);
  const settled: (Lane | undefined)[] = values.map(() => undefined);
  let next = 0;
  let absorbed = 0;
  const worker = async () => {
    // Every value runs, also after a failure: the requests of a run never depend on timing.
    while (next < values.length) {
      const i = next++;
      // One at a time, a run's exchanges already come in value order: no lane needed (and no
      // AsyncLocalStorage cost).
      const { done, lane } =
        limit > 1
          ? http.isolate(() => predicate(values[i]!))
          : { done: (async () => predicate(values[i]!))(), lane: undefined };
      try {
        await done;
      } catch (error) {
        if (!fc.PreconditionFailure.isFailure(error)) {
          failed[i] = true;
          errors[i] = error;
        }
      }
      if (!lane) continue;
      settled[i] = lane;
      while (absorbed < values.length && settled[absorbed]) http.absorb(settled[absorbed++]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  const index = failed.indexOf(true);
  return { index, error: errors[index] };
}

export async function runProperty<T>(
  http: HttpClient,
  options: ResolvedOptions,
  checkId: string,
  arb: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  settings: PropertySettings = {},
): Promise<void> {
  const seed = propertySeed(options.seed, settings.scenario ?? checkId);
  const numRuns = settings.runs ?? options.runs;
  // Runs that share nothing go side by side first; fast-check then replays from the first that
  // failed (and shrinks it, one run at a time), exactly as if it had come to it on its own.
  let from: string | undefined = options.path;
  let first: unknown;
  if (from === undefined && !settings.sequential) {
    const failed = await firstFailure(http, await valuesOf(arb, seed, numRuns), predicate, options.concurrency);
    if (failed.index < 0) return;
    from = String(failed.index);
    first = failed.error;
  }
  const property = fc.asyncProperty(arb, async (value) => {
    const trace = http.openTrace();
    try {
      await predicate(value);
    } catch (error) {
      if (error !== null && typeof error === 'object') {
        (error as Traced)[TRACE] = [...trace.exchanges];
        (error as Traced)[RENDERED] = fc.stringify(value);
      }
      throw error;
    } finally {
      trace.close();
    }
  });
  const details = await fc.check(property, {
    seed,
    numRuns,
    // A replay runs exactly the counterexample the path names, and stops there.
    ...(options.path ? { path: options.path, endOnFailure: true } : from !== undefined ? { path: from } : {}),
  });
  if (!details.failed) {
    if (from === undefined || options.path !== undefined) return;
    const why = first instanceof Error ? first.message : String(first);
    throw new CheckFailure({
      message: `run ${from} of this property failed (${why}) but passed when run again: the target's answers depend on timing or on what else was in flight`,
      ...(first instanceof CheckFailure ? { exchanges: first.exchanges } : {}),
    });
  }
  const error = details.errorInstance;
  if (error instanceof SkipCheck) throw error;
  // A fresh failure: a memoized scenario's error object may be thrown again by another check.
  const failure =
    error instanceof CheckFailure
      ? new CheckFailure({
          message: error.message,
          exchanges: error.exchanges,
          ...(error.operation ? { operation: error.operation } : {}),
          ...(error.rule ? { rule: error.rule } : {}),
          kind: error.kind,
        })
      : new CheckFailure({
          message: `the check stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`,
          kind: 'error',
        });
  failure.scenarioExchanges = (error as Traced | null)?.[TRACE] ?? failure.exchanges;
  // The run's seed: the replay line gives it to --seed, and the hash above finds this property's again.
  failure.seed = options.seed;
  const rendered = fc.stringify(details.counterexample?.[0]);
  const replayPath = /replayPath="([^"]*)"/.exec(rendered)?.[1];
  failure.path = `${details.counterexamplePath ?? ''}${replayPath ? `~${replayPath}` : ''}`;
  const atFailure = (error as Traced | null)?.[RENDERED] ?? rendered;
  failure.scenario = atFailure.replace(/\s*\/\*replayPath="[^"]*"\*\//, '');
  throw failure;
}
