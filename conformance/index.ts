// The conformance kit: runVerify drives any target URL with generated scenarios and returns a
// report. It prints nothing and never exits: reporters render the report, the CLI decides the
// exit code. It never imports src/domain, src/store or src/server: the oracle is written from
// the contract, so a bug in the reference server cannot check itself.
import { CONTROL_SPEC_PATH, loadContract } from '../src/contract/index.ts';
import { selectChecks } from './checks/catalogue.ts';
import { createContext } from './context.ts';
import { createControl, detectControl, type ControlClient } from './control.ts';
import { discoverBlackBox, discoverOther, discoverWithControl } from './discovery.ts';
import { COULD_NOT_RUN, CouldNotRun } from './errors.ts';
import { createHttpClient, type HttpClient } from './http/exchange.ts';
import type { Contracts } from './oracle/schema.ts';
import { mintId } from '../src/ids/index.ts';
import { resolveOptions, type ResolvedOptions } from './options.ts';
import { decideOutcome } from './outcome.ts';
import { runChecks } from './runner.ts';
import type { CheckResult, Profile, VerifyOptions, VerifyReport } from './types.ts';

export type * from './types.ts';
export { GROUPS } from './types.ts';
export { CATALOGUE, selectChecks } from './checks/catalogue.ts';
export { sourceOf, sourceText } from './checks/sources.ts';
export { DEFAULT_CONCURRENCY, DEFAULT_KEYS, DEFAULT_RUNS, DEFAULT_TIMEOUT_MS } from './options.ts';
export { applyBaseline, baselineOf, parseBaseline, serializeBaseline, BASELINE_VERSION } from './baseline.ts';
export { decideOutcome } from './outcome.ts';

let contracts: Promise<Contracts> | undefined;
function loadContracts(): Promise<Contracts> {
  contracts ??= Promise.all([loadContract(), loadContract(CONTROL_SPEC_PATH)]).then(([pub, control]) => ({
    public: pub,
    control,
  }));
  return contracts;
}

export async function runVerify(options: VerifyOptions): Promise<VerifyReport> {
  const startedAt = new Date();
  const started = performance.now();
  const notes: string[] = [];
  let http: HttpClient | undefined;
  let resolved: ResolvedOptions | undefined;
  let profile: Profile | undefined;
  const finish = (results: CheckResult[], couldNotRun?: string): VerifyReport => {
    const verdict = decideOutcome(results, couldNotRun ? undefined : options.baseline, couldNotRun);
    return {
      outcome: verdict.outcome,
      reason: verdict.reason,
      target: resolved?.target ?? options.target,
      ...(profile ? { profile } : {}),
      seed: resolved?.seed ?? options.seed ?? 0,
      runs: resolved?.runs ?? options.runs ?? 0,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      requests: http?.requests ?? 0,
      results: verdict.results,
      summary: verdict.summary,
      ...(verdict.baseline ? { baseline: verdict.baseline } : {}),
      notes,
    };
  };
  try {
    resolved = resolveOptions(options);
    const checks = selectChecks(resolved.only);
    const properties = checks.filter((c) => c.property).length;
    if (resolved.path && properties !== 1) throw new CouldNotRun(COULD_NOT_RUN.PATH_NEEDS_ONE_CHECK(properties));
    const loaded = await loadContracts();
    http = createHttpClient({
      target: resolved.target,
      controlUrl: resolved.controlUrl,
      keys: resolved.keys,
      timeoutMs: resolved.timeoutMs,
      ...(resolved.rate !== undefined ? { rate: resolved.rate } : {}),
    });
    if (options.onExchange) http.onExchange(options.onExchange);
    const control = await connect(http, resolved, notes);
    profile = control ? 'control' : (await keepsState(http, notes)) ? 'black-box' : 'stateless';
    const ctx = createContext({
      options: resolved,
      profile,
      http,
      control: Boolean(control),
      contracts: loaded,
      discover: (c) => (c.control ? discoverWithControl(c, 'main') : discoverBlackBox(c)),
      discoverOther,
    });
    options.onProgress?.({
      type: 'start',
      checks: checks.length,
      profile,
      plan: checks.map((c) => ({ id: c.id, group: c.group })),
    });
    const results = await runChecks(ctx, checks, (event) => options.onProgress?.(event), resolved.concurrency);
    notes.push(...ctx.notes);
    return finish(results);
  } catch (error) {
    if (error instanceof CouldNotRun) return finish([], error.message);
    throw error;
  } finally {
    http?.close();
  }
}

/**
 * Does a target without control interface keep state at all? A stateless mock answers any id
 * with its example: two never-minted ids reading back as one and the same other suite say so.
 */
async function keepsState(http: HttpClient, notes: string[]): Promise<boolean> {
  const ids = [mintId('srun'), mintId('srun')];
  const answers = await Promise.all(
    ids.map((id) => http.send({ method: 'GET', path: `/v1/agents/tests/suite-runs/${id}`, probe: true })),
  );
  const read = answers.map((a) => (a.json as { id?: unknown } | undefined)?.id);
  const stateless =
    answers.every((a) => a.status === 200) &&
    read[0] === read[1] &&
    typeof read[0] === 'string' &&
    !ids.includes(read[0]);
  if (stateless)
    notes.push(
      `stateless target: GET of two unknown suite ids both answered ${String(read[0])}; checks that need state are skipped`,
    );
  return !stateless;
}

/** Reachability, the key, and the control interface: anything wrong here means "could not run". */
async function connect(
  http: HttpClient,
  options: ResolvedOptions,
  notes: string[],
): Promise<ControlClient | undefined> {
  const first = await http.send({ method: 'GET', path: '/v1/agents/tests/suite-runs?limit=1', probe: true });
  if (!first.status) throw new CouldNotRun(COULD_NOT_RUN.UNREACHABLE(options.target, first.error ?? 'no answer'));
  if (first.status === 401 || first.status === 403) throw new CouldNotRun(COULD_NOT_RUN.KEY_REFUSED(first.status));
  if (options.noControl) {
    if (options.reset) throw new CouldNotRun(COULD_NOT_RUN.RESET_WITHOUT_CONTROL());
    notes.push('black-box profile (--no-control): checks that need chosen suite states are skipped');
    return undefined;
  }
  const detection = await detectControl(http);
  if (!detection.available) {
    if (options.controlRequired)
      throw new CouldNotRun(COULD_NOT_RUN.CONTROL_ABSENT(options.controlUrl, detection.reason));
    if (options.reset) throw new CouldNotRun(COULD_NOT_RUN.RESET_WITHOUT_CONTROL());
    notes.push(
      `no control interface (${detection.reason}): black-box profile, checks that need chosen suite states are skipped`,
    );
    return undefined;
  }
  const control = createControl(http);
  if (options.reset) {
    const reset = await control.reset();
    if (reset.status !== 204)
      throw new CouldNotRun(`--reset: POST ${reset.url} answered ${reset.status || reset.error}`);
    notes.push('--reset: the target was reset to its fixtures before the run');
  }
  return control;
}
