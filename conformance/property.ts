// fast-check under the kit: one seed for the run, `--path` to replay one counterexample, and the
// shrunk counterexample's own exchanges kept as the failure's repro.
import fc from 'fast-check';
import { CheckFailure, SkipCheck } from './errors.ts';
import type { Exchange, HttpClient } from './http/exchange.ts';
import type { ResolvedOptions } from './options.ts';

const TRACE = Symbol('trace');
type Traced = { [TRACE]?: Exchange[] };

export interface PropertySettings {
  /** Runs for this property (default: --runs). */
  runs?: number;
}

export async function runProperty<T>(
  http: HttpClient,
  options: ResolvedOptions,
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
    seed: options.seed,
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
      ? new CheckFailure({ message: error.message, exchanges: error.exchanges, ...(error.operation ? { operation: error.operation } : {}), ...(error.rule ? { rule: error.rule } : {}), kind: error.kind })
      : new CheckFailure({ message: `the check stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`, kind: 'error' });
  failure.scenarioExchanges = (error as Traced | null)?.[TRACE] ?? failure.exchanges;
  failure.seed = details.seed;
  const rendered = fc.stringify(details.counterexample?.[0]);
  const replayPath = /replayPath="([^"]*)"/.exec(rendered)?.[1];
  failure.path = `${details.counterexamplePath ?? ''}${replayPath ? `~${replayPath}` : ''}`;
  failure.scenario = rendered.replace(/\s*\/\*replayPath="[^"]*"\*\//, '');
  throw failure;
}
