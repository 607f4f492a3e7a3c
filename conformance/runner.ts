// Runs the selected checks one after another (a trace per property needs that), feeds every
// exchange to the observing checks, and turns each outcome into a CheckResult.
import { minimalScenario } from './checks/support.ts';
import type { CheckDefinition, Observer } from './checks/types.ts';
import type { CheckContext } from './context.ts';
import { asSetup, CheckFailure, SKIP, SkipCheck, unexpectedError } from './errors.ts';
import type { Exchange } from './http/exchange.ts';
import { toCurlScript } from './http/curl.ts';
import type { CheckResult, ExchangeRecord, FailureReport, ProgressEvent } from './types.ts';

async function unmetNeed(ctx: CheckContext, def: CheckDefinition): Promise<string | undefined> {
  for (const need of def.needs ?? []) {
    if (need === 'control' && !ctx.control) return def.withoutControl ? `${SKIP.NO_CONTROL}: ${def.withoutControl}` : SKIP.NO_CONTROL;
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

export function toRecord(e: Exchange): ExchangeRecord {
  return {
    method: e.method,
    url: e.url,
    requestHeaders: e.keyRole ? { ...e.requestHeaders, authorization: `${e.authScheme ?? 'Bearer'} <${e.keyRole} key>` } : e.requestHeaders,
    ...(e.requestBody !== undefined ? { requestBody: e.requestBody } : {}),
    status: e.status,
    responseHeaders: e.responseHeaders,
    responseBody: e.text,
    ms: e.ms,
    ...(e.error ? { error: e.error } : {}),
  };
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

export function toFailureReport(ctx: CheckContext, def: CheckDefinition, failure: CheckFailure): FailureReport {
  const scenario = failure.scenarioExchanges?.length ? failure.scenarioExchanges : failure.exchanges;
  const replay =
    failure.seed !== undefined ? `${replayPrefix(ctx)} --only ${def.id} --seed ${failure.seed} --path '${failure.path ?? ''}'` : undefined;
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

export async function runChecks(
  ctx: CheckContext,
  checks: CheckDefinition[],
  onProgress: (event: ProgressEvent) => void,
): Promise<CheckResult[]> {
  const observers = new Map<string, Observer>();
  for (const def of checks) if (def.observe) observers.set(def.id, def.observe(ctx));
  ctx.http.onExchange((exchange) => {
    if (exchange.probe) return;
    for (const observer of observers.values()) observer.see(exchange, ctx.checkId);
  });

  const results = new Map<string, CheckResult>();
  for (const def of checks) {
    ctx.checkId = def.id;
    onProgress({ type: 'check-start', id: def.id, group: def.group });
    const started = performance.now();
    const sentBefore = ctx.http.requests;
    const result: CheckResult = { id: def.id, group: def.group, title: def.title, status: 'passed', durationMs: 0, requests: 0 };
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
        if (error instanceof CheckFailure && !error.scenarioExchanges) error.scenarioExchanges = minimalScenario(trace.exchanges, error.exchanges);
        let failure = error instanceof CheckFailure ? error : unexpectedError(error);
        // An observing check's run only makes traffic for its observer: a failure there is set-up.
        if (def.observe && failure.kind === 'violation' && !failure.rule) failure = asSetup(failure);
        Object.assign(result, { status: 'failed', failure: toFailureReport(ctx, def, failure) });
      }
    }
    trace.close();
    result.durationMs = Math.round(performance.now() - started);
    result.requests = ctx.http.requests - sentBefore;
    results.set(def.id, result);
    // Observers are judged at the end, over every exchange of the run.
    if (!def.observe) onProgress({ type: 'check-end', result });
  }
  ctx.checkId = '(end)';
  for (const def of checks) {
    const observer = observers.get(def.id);
    const result = results.get(def.id)!;
    if (!observer) continue;
    // A run that stopped on set-up or an error proves nothing; a violation the observer saw does.
    if (result.status === 'passed' || (result.failure && result.failure.kind !== 'violation')) {
      const failure = observer.verdict();
      if (failure) Object.assign(result, { status: 'failed', failure: toFailureReport(ctx, def, failure) });
      else if (result.status === 'passed' && observer.judged() === 0) Object.assign(result, { status: 'skipped', reason: 'no exchange of this run was one it judges' });
    }
    onProgress({ type: 'check-end', result });
  }
  return checks.map((def) => results.get(def.id)!);
}
