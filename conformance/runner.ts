// Runs the selected checks, up to --concurrency at once, each in a context of its own (its
// traces and repros stay its own), feeds every exchange to the observing checks, and turns each
// outcome into a CheckResult: the same results and events in the same order for any concurrency.
import { sourceOf } from './checks/sources.ts';
import { minimalScenario } from './checks/support.ts';
import type { CheckDefinition, Observer } from './checks/types.ts';
import type { CheckContext } from './context.ts';
import { asSetup, CheckFailure, SKIP, SkipCheck, unexpectedError } from './errors.ts';
import { toRecord, type Exchange } from './http/exchange.ts';
import { toCurlScript } from './http/curl.ts';
import type { CheckResult, FailureReport, ProgressEvent } from './types.ts';

async function unmetNeed(ctx: CheckContext, def: CheckDefinition): Promise<string | undefined> {
  for (const need of def.needs ?? []) {
    if (need === 'control' && !ctx.control)
      return def.withoutControl ? `${SKIP.NO_CONTROL}: ${def.withoutControl}` : SKIP.NO_CONTROL;
    if (need === 'state' && ctx.profile === 'stateless') return SKIP.STATELESS;
    if (need === 'other-key' && !ctx.options.keys.other) return SKIP.NO_OTHER_KEY;
    if (need === 'revoked-key' && !ctx.options.keys.revoked) return SKIP.NO_REVOKED_KEY;
    if (need === 'creation' && !ctx.control) {
      const found = await ctx.resources();
      if (!found.agentId && !found.testIds.length) return SKIP.NO_CREATION;
    }
    if (need === 'agent' && !(await ctx.resources()).agentId) return SKIP.NO_AGENT;
    if (need === 'tests' && !(await ctx.resources()).testIds.length) return SKIP.NO_TESTS;
  }
  return undefined;
}

/** `suiterun-kit verify` with the flags that shape scenarios (keys come from the same flags or defaults). */
function replayPrefix(ctx: CheckContext): string {
  const o = ctx.options;
  const flags = ['suiterun-kit verify'];
  if (!o.inProcess) flags.push(`--target ${o.target}`);
  if (o.controlUrl !== `${o.target}/_control`) flags.push(`--control-url ${o.controlUrl}`);
  if (o.noControl) flags.push('--no-control');
  if (o.agentId) flags.push(`--agent-id ${o.agentId}`);
  for (const t of o.testIds) flags.push(`--test-id ${t}`);
  return flags.join(' ');
}

function toFailureReport(ctx: CheckContext, def: CheckDefinition, failure: CheckFailure): FailureReport {
  const scenario = failure.scenarioExchanges?.length ? failure.scenarioExchanges : failure.exchanges;
  const replay =
    failure.seed !== undefined
      ? `${replayPrefix(ctx)} --only ${def.id} --seed ${failure.seed} --path '${failure.path ?? ''}'`
      : undefined;
  return {
    checkId: def.id,
    // A violation without a rule of its own breaks the rule its check is named after.
    rule: failure.rule ?? def.id,
    kind: failure.kind,
    ...(failure.operation ? { operation: failure.operation } : {}),
    title: def.title,
    message: failure.message,
    exchanges: failure.exchanges.map(toRecord),
    repro: toCurlScript(scenario, ctx.options.keys),
    ...(failure.scenario ? { scenario: failure.scenario } : {}),
    ...(failure.seed !== undefined ? { seed: failure.seed } : {}),
    ...(failure.path !== undefined ? { path: failure.path } : {}),
    ...(replay ? { replay } : {}),
  };
}

interface Finished {
  result: CheckResult;
  /** Every exchange the check sent, adopted or noticed, in its own order. */
  seen: readonly Exchange[];
  notes: string[];
}

async function runOne(root: CheckContext, def: CheckDefinition): Promise<Finished> {
  const ctx = root.forCheck(def.id);
  const started = performance.now();
  const result: CheckResult = {
    id: def.id,
    group: def.group,
    title: def.title,
    status: 'passed',
    durationMs: 0,
    requests: 0,
  };
  // Every exchange of the check, so that a failure without a narrower scenario of its own
  // (a property's counterexample, a `scenario()` block) still replays: its offending
  // exchanges and the writes they depend on (minimalScenario).
  const trace = ctx.http.openTrace();
  try {
    const unmet = await unmetNeed(ctx, def);
    if (unmet) throw new SkipCheck(unmet);
    if (def.run) await def.run(ctx);
  } catch (error) {
    if (error instanceof SkipCheck) Object.assign(result, { status: 'skipped', reason: error.reason });
    else {
      if (error instanceof CheckFailure && !error.scenarioExchanges)
        error.scenarioExchanges = minimalScenario(trace.exchanges, error.exchanges);
      let failure = error instanceof CheckFailure ? error : unexpectedError(error);
      // An observing check's run only makes traffic for its observer: a failure there is set-up.
      if (def.observe && failure.kind === 'violation' && !failure.rule) failure = asSetup(failure);
      Object.assign(result, { status: 'failed', failure: toFailureReport(ctx, def, failure) });
    }
  }
  trace.close();
  result.durationMs = Math.round(performance.now() - started);
  return { result, seen: ctx.http.seen, notes: ctx.notes };
}

/**
 * Runs up to `concurrency` checks at once, each in a context of its own; a check marked
 * `exclusive` runs after the others with nothing else in flight. Results are returned, and
 * progress is reported, in catalogue order whatever order the checks ended in.
 */
export async function runChecks(
  ctx: CheckContext,
  checks: CheckDefinition[],
  onProgress: (event: ProgressEvent) => void,
  concurrency = 1,
): Promise<CheckResult[]> {
  const finished: (Finished | undefined)[] = checks.map(() => undefined);
  const report = createOrderedProgress(checks, onProgress);
  const inFlight = new Set<Promise<void>>();
  const launch = (i: number) => {
    const running = runOne(ctx, checks[i]!).then((done) => {
      finished[i] = done;
      report.ended(i, done.result);
    });
    const tracked = running.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  // The checks that need the target to themselves come after all the others, one at a time
  // (at any concurrency, so they see the same target at 1 and at 8): no drain of the pool in
  // the middle of the run. Their results still take their place in catalogue order.
  const shared = checks.map((_, i) => i).filter((i) => !checks[i]!.exclusive);
  const alone = checks.map((_, i) => i).filter((i) => checks[i]!.exclusive);
  for (const i of shared) {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    launch(i);
  }
  await Promise.all(inFlight);
  for (const i of alone) {
    launch(i);
    await Promise.all(inFlight);
  }

  // The observers judge every exchange of the run, fed check by check in catalogue order (each
  // exchange once, with the first check that saw it), so a verdict does not depend on timing.
  // The same attribution counts each check's requests.
  const observers = new Map<string, Observer>();
  for (const def of checks) if (def.observe) observers.set(def.id, def.observe(ctx));
  const fed = new Set<Exchange>();
  for (let i = 0; i < checks.length; i++) {
    const done = finished[i]!;
    let requests = 0;
    for (const exchange of done.seen) {
      if (fed.has(exchange)) continue;
      fed.add(exchange);
      requests++;
      if (exchange.probe) continue;
      for (const observer of observers.values()) observer.see(exchange, checks[i]!.id);
    }
    done.result.requests = requests;
    for (const note of done.notes) if (!ctx.notes.includes(note)) ctx.notes.push(note);
  }
  for (const def of checks) {
    const observer = observers.get(def.id);
    if (!observer) continue;
    const result = finished[checks.indexOf(def)]!.result;
    // A run that stopped on set-up or an error proves nothing; a violation the observer saw does.
    if (result.status === 'passed' || (result.failure && result.failure.kind !== 'violation')) {
      const failure = observer.verdict();
      if (failure) Object.assign(result, { status: 'failed', failure: toFailureReport(ctx, def, failure) });
      else if (result.status === 'passed' && observer.judged() === 0)
        Object.assign(result, { status: 'skipped', reason: 'no exchange of this run was one it judges' });
    }
  }
  report.observersEnded(finished.map((f) => f!.result));
  // Each result with the source of its check (the clause, conformance/checks/sources.ts), set last:
  // after what the observers added, and on the results only (progress events go without it).
  return finished.map((f, i) => ({ ...f!.result, source: sourceOf(checks[i]!) }));
}

/**
 * The events a one-at-a-time run gives, whatever order checks end in: check-start of the next
 * check in catalogue order once the one before it ended, its check-end once it ended too
 * (results that end early wait for their turn), and the observers' ends after every check.
 */
function createOrderedProgress(checks: CheckDefinition[], onProgress: (event: ProgressEvent) => void) {
  const ended: (CheckResult | undefined)[] = checks.map(() => undefined);
  let next = 0;
  const start = () => {
    if (next < checks.length) onProgress({ type: 'check-start', id: checks[next]!.id, group: checks[next]!.group });
  };
  start();
  return {
    ended(i: number, result: CheckResult) {
      ended[i] = result;
      while (next < checks.length && ended[next]) {
        if (!checks[next]!.observe) onProgress({ type: 'check-end', result: ended[next]! });
        next++;
        start();
      }
    },
    observersEnded(results: CheckResult[]) {
      checks.forEach((def, i) => {
        if (def.observe) onProgress({ type: 'check-end', result: results[i]! });
      });
    },
  };
}
