// Run by bench/scale.ts as `node --expose-gc --import tsx bench/scale-worker.ts`: builds stores of
// suite runs through the store's own createSuite and measures, per operation, what a request
// costs besides HTTP (the handler: store, derivation, representation, serialization), in a
// store of 100 suites and in one of 100,000. Prints `RESULT {json}` on its last line.
//
// GET is measured with the representation cache off (every GET makes its representation) and
// on (repeated reads of the same suites), so that neither hides the other. Cancel is measured
// on suites still running (the real change, each suite once) and on terminal ones (the
// idempotent path). Ops are chosen by a seeded generator: each run picks the same suites.
import { loadContract } from '../src/contract/index.ts';
import type { AgentTest } from '../src/domain/types.ts';
import { createIdMinter } from '../src/ids/index.ts';
import { seededRandom } from '../src/ids/seeded-random.ts';
import type { Handler, RequestContext } from '../src/server/context.ts';
import { suiteRunHandlers } from '../src/server/handlers/suite-runs.ts';
import type { Answer } from '../src/server/http.ts';
import { startServer } from '../src/server/index.ts';
import { createAppContext } from '../src/server/seams.ts';
import { idleWorker } from '../src/server/worker.ts';
import { loadFixtures } from '../src/store/fixtures.ts';
import { createStore, type Store } from '../src/store/store.ts';
import { childTemplate, runAllMeta, type ChildMix } from './fixtures.ts';

const LARGE = Number(process.env.BENCH_SCALE_SUITES ?? 100_000);
const SMALL = 100;
const CHILDREN = 20;
const OPS = Number(process.env.BENCH_SCALE_OPS ?? 3000);
const BIG_SUITE = 5000;
const BIG_CANCELS = 5;
const WORKSPACE = 'alpha';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const contract = await loadContract();
const fixtures = loadFixtures();

interface Fill {
  running: string[];
  /** Every suite made, in creation order. */
  all: string[];
}

/** `count` suites of `children` each, through createSuite, agents with tests taken in turn. */
function fill(store: Store, count: number, children: number, mix: ChildMix): Fill {
  const agents = store.agents(WORKSPACE).filter((a) => store.testsOfAgent(WORKSPACE, a.id).length > 0);
  const testsOf = new Map<string, AgentTest[]>(agents.map((a) => [a.id, store.testsOfAgent(WORKSPACE, a.id)]));
  const all: string[] = [];
  for (let i = 0; i < count; i++) {
    const agent = agents[i % agents.length]!;
    const meta = runAllMeta(agent.id);
    all.push(
      store.createSuite(WORKSPACE, meta, childTemplate(testsOf.get(agent.id)!, children, store.instant(), mix)).id,
    );
  }
  return { all, running: mix === 'mixed-terminal' ? [] : all };
}

function handlersFor(store: Store, cacheBytes: number): Record<string, Handler> {
  return suiteRunHandlers(
    createAppContext({ contract, controlContract: undefined, store, worker: idleWorker, cacheBytes }),
  );
}

function request(
  operationId: string,
  params: Record<string, string>,
  query: Record<string, unknown> = {},
): RequestContext {
  return {
    workspace: WORKSPACE,
    operationId,
    method: 'GET',
    path: '',
    params,
    query,
    body: undefined,
    idempotencyKey: undefined,
  };
}

/** The bytes a request would send: serialization is part of the cost. */
function bytesOf(answer: Answer): number {
  return answer.json !== undefined ? answer.json.length : JSON.stringify(answer.body).length;
}

/**
 * A full collection, then (in a big heap) a pause for V8's concurrent sweeping to finish, so
 * that what is timed next pays for its own garbage, not for what was made before it.
 */
async function settle(): Promise<void> {
  gc!();
  if (process.memoryUsage().heapUsed > 100 * 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 600));
}

const REPEATS = 5;

async function medianOf(measureOnce: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < REPEATS; i++) values.push(await measureOnce());
  return values.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!;
}

/** Mean microseconds per call of `op` over `ids` (one call each, in order), from a settled heap. */
async function meanMicros(ids: readonly string[], op: (id: string) => Answer): Promise<number> {
  await settle();
  let sink = 0;
  const started = performance.now();
  for (const id of ids) sink += bytesOf(op(id));
  const elapsed = performance.now() - started;
  if (sink <= 0) throw new Error('nothing was answered');
  return Math.round((elapsed * 1000 * 100) / ids.length) / 100;
}

const pick = (ids: readonly string[], n: number, random: () => number): string[] =>
  Array.from({ length: n }, () => ids[Math.floor(random() * ids.length)]!);

function distinct(ids: readonly string[], n: number, random: () => number): string[] {
  const copy = [...ids];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

export interface OpCosts {
  getUncachedUs: number;
  getCachedUs: number;
  cancelRunningUs: number;
  cancelTerminalUs: number;
  firstListPageUs: number;
  firstListPageByAgentUs: number;
}

function newStore(): Store {
  return createStore({ fixtures, now: Date.now, minter: createIdMinter() });
}

/** The costs in one store over `ops` calls each; `cancelIds` are suites still running, each cancelled once. */
async function measure(
  store: Store,
  made: Fill,
  cancelIds: readonly string[],
  random: () => number,
  ops: number,
): Promise<OpCosts> {
  const uncached = handlersFor(store, 0);
  const cached = handlersFor(store, 64 * 1024 * 1024);
  const agentId = store.suite(WORKSPACE, made.all[0]!)!.agent_id!;
  const reads = pick(made.all, ops, random);
  const hot = pick(made.all, Math.min(100, made.all.length), random);
  const hotReads = pick(hot, ops * 10, random);
  for (const id of hot) cached.getSuiteRun!(request('getSuiteRun', { suite_run_id: id }));
  const lists = Array.from({ length: ops }, () => 'x');
  // In this order: reads and lists see the suites as made (mostly running), then cancels change them.
  // Reads change nothing, so each is measured REPEATS times and the median taken (the machine is
  // shared: one pause in one loop should not decide a ratio). A cached GET costs under a
  // microsecond, so it gets ten times the ops.
  const getUncachedUs = await medianOf(() =>
    meanMicros(reads, (id) => uncached.getSuiteRun!(request('getSuiteRun', { suite_run_id: id }))),
  );
  const getCachedUs = await medianOf(() =>
    meanMicros(hotReads, (id) => cached.getSuiteRun!(request('getSuiteRun', { suite_run_id: id }))),
  );
  const firstListPageUs = await medianOf(() =>
    meanMicros(lists, () => uncached.listSuiteRuns!(request('listSuiteRuns', {}))),
  );
  const firstListPageByAgentUs = await medianOf(() =>
    meanMicros(lists, () => uncached.listSuiteRuns!(request('listSuiteRuns', {}, { agent_id: agentId }))),
  );
  const cancelRunningUs = await meanMicros(cancelIds, (id) =>
    uncached.cancelSuiteRun!(request('cancelSuiteRun', { suite_run_id: id })),
  );
  const cancelTerminalUs = await meanMicros(cancelIds, (id) =>
    uncached.cancelSuiteRun!(request('cancelSuiteRun', { suite_run_id: id })),
  );
  return { getUncachedUs, getCachedUs, cancelRunningUs, cancelTerminalUs, firstListPageUs, firstListPageByAgentUs };
}

/** A 100-suite store cannot offer thousands of running suites to cancel: fresh stores, in turn. */
async function measureSmall(random: () => number): Promise<OpCosts> {
  const passes = Math.ceil(OPS / SMALL);
  const sums: Record<string, number> = {};
  for (let pass = 0; pass < passes; pass++) {
    const store = newStore();
    const made = fill(store, SMALL, CHILDREN, 'mixed');
    const costs = await measure(store, made, made.running, random, SMALL);
    for (const [k, v] of Object.entries(costs)) sums[k] = (sums[k] ?? 0) + v;
  }
  return Object.fromEntries(
    Object.entries(sums).map(([k, v]) => [k, Math.round((v / passes) * 100) / 100]),
  ) as unknown as OpCosts;
}

function memoryMb() {
  gc!();
  gc!();
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  return {
    rssMb: mb(m.rss),
    heapTotalMb: mb(m.heapTotal),
    heapUsedMb: mb(m.heapUsed),
    externalMb: mb(m.external),
    arrayBuffersMb: mb(m.arrayBuffers),
  };
}

const log = (line: string) => process.stderr.write(`  ${line}\n`);
const random = seededRandom(6);

// Warm the code up on a throw-away store, so the first measurement is not the JIT's.
await measureSmall(seededRandom(1));
const small = await measureSmall(random);
log(`${SMALL}-suite store: ${JSON.stringify(small)}`);

const server = await startServer({ control: true });
const baseline = memoryMb();
const buildStarted = performance.now();
const large = fill(server.store, LARGE, CHILDREN, 'mixed');
const buildMs = Math.round(performance.now() - buildStarted);
const memory = memoryMb();
log(
  `built ${LARGE} suites of ${CHILDREN} children in ${buildMs} ms; memory ${JSON.stringify(memory)} (server alone ${JSON.stringify(baseline)})`,
);

const largeCosts = await measure(server.store, large, distinct(large.running, OPS, random), random, OPS);
log(`${LARGE}-suite store: ${JSON.stringify(largeCosts)}`);

// Cancel of one 5,000-child suite, each from a settled heap: in the handler, and over HTTP.
const bigIds = fill(server.store, BIG_CANCELS * 2, BIG_SUITE, 'unfinished').all;
const handlers = handlersFor(server.store, 0);
const bigHandlerMs: number[] = [];
for (const id of bigIds.slice(0, BIG_CANCELS)) {
  await settle();
  const started = performance.now();
  bytesOf(handlers.cancelSuiteRun!(request('cancelSuiteRun', { suite_run_id: id })));
  bigHandlerMs.push(Math.round((performance.now() - started) * 100) / 100);
}
// Over HTTP: until the answer's headers (the server has done all its work: it writes the whole
// answer at once) and until its last byte; the check of the body is outside the timing.
// The HTTP path is warmed up first (a server that has been serving), with ordinary requests.
for (const id of large.all.slice(0, 50)) {
  await (
    await fetch(`${server.url}/v1/agents/tests/suite-runs/${id}/cancel`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_alpha' },
    })
  ).arrayBuffer();
}
const bigHttp: { headersMs: number; lastByteMs: number }[] = [];
let bigAnswerBytes = 0;
for (const id of bigIds.slice(BIG_CANCELS)) {
  await settle();
  const started = performance.now();
  const answer = await fetch(`${server.url}/v1/agents/tests/suite-runs/${id}/cancel`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_alpha' },
  });
  const headersMs = performance.now() - started;
  const bytes = Buffer.from(await answer.arrayBuffer());
  bigHttp.push({
    headersMs: Math.round(headersMs * 100) / 100,
    lastByteMs: Math.round((performance.now() - started) * 100) / 100,
  });
  const body = JSON.parse(bytes.toString('utf8')) as { status: string; cancelled: number };
  if (answer.status !== 200 || body.status !== 'cancelled' || body.cancelled !== BIG_SUITE)
    throw new Error(`cancel of ${id} answered ${answer.status} ${body.status}`);
  bigAnswerBytes = bytes.length;
}
log(
  `cancel of one ${BIG_SUITE}-child suite: handler ${bigHandlerMs.join(', ')} ms; over HTTP (headers/last byte) ${bigHttp.map((h) => `${h.headersMs}/${h.lastByteMs}`).join(', ')} ms (${bigAnswerBytes} bytes)`,
);
await server.close();

console.log(
  `RESULT ${JSON.stringify({ small, large: largeCosts, suites: LARGE, children: CHILDREN, ops: OPS, buildMs, baseline, memory, bigSuite: { children: BIG_SUITE, handlerMs: bigHandlerMs, http: bigHttp, answerBytes: bigAnswerBytes } })}`,
);
