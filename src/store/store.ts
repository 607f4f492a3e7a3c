// The in-memory store: every workspace's state, and the operations the API needs, each one
// synchronous from start to end. Node runs one of them at a time, so two concurrent cancels
// of one suite are applied one after the other: the first changes it, the second finds it
// terminal and changes nothing.
import { advanceRun, type AdvanceOutcome, type RunMove } from '../domain/advance.ts';
import { cancelRun, cancelSuite } from '../domain/cancel.ts';
import type { NameLookup } from '../domain/present.ts';
import type { AgentTest, Agent, SuiteRun, SuiteRunMeta, TestRun } from '../domain/types.ts';
import type { IdMinter } from '../ids/index.ts';
import type { FixtureSet } from './fixtures.ts';
import { IdempotencyStore } from './idempotency.ts';
import { createKeyring, type Keyring } from './keyring.ts';
import type { OrderKey } from './ordered-index.ts';
import { WorkspaceState } from './workspace-state.ts';

export interface StoreOptions {
  fixtures: FixtureSet;
  now: () => number;
  minter: IdMinter;
  /** How a suite is cancelled at an instant; the domain's cancel by default. */
  cancelRule?: CancelRule;
  /** Keys -> workspaces; the fixtures' keys by default. */
  keyring?: Keyring;
}

/** A suite cancelled at an instant (ISO), as a pure function: the same object back when nothing changes. */
export type CancelRule = (suite: SuiteRun, atIso: string) => SuiteRun;

/** A child to create: everything but the id and created_at, which the store gives. */
export type NewRun = Omit<TestRun, 'id' | 'created_at'>;
export type NewSuite = Omit<SuiteRunMeta, 'id' | 'created_at'>;

interface Page<T> {
  items: T[];
  nextAfter: OrderKey | null;
}

export interface Store {
  readonly keyring: Keyring;
  readonly idempotency: IdempotencyStore;
  readonly workspaceIds: readonly string[];
  /** The instant of `now()` as the wire writes it. */
  instant(): string;
  agent(ws: string, id: string): Agent | undefined;
  agents(ws: string): Agent[];
  test(ws: string, id: string): AgentTest | undefined;
  tests(ws: string): AgentTest[];
  testsOfAgent(ws: string, agentId: string): AgentTest[];
  names: NameLookup;
  suite(ws: string, id: string): SuiteRun | undefined;
  run(ws: string, id: string): TestRun | undefined;
  /** Which workspace holds this run, if any (the MSW control advances a run without a key). */
  workspaceOfRun(id: string): string | undefined;
  listSuites(ws: string, query: { agentId?: string; after?: OrderKey; limit: number }): Page<SuiteRun>;
  listRuns(ws: string, testId: string, query: { after?: OrderKey; limit: number }): Page<TestRun>;
  /** Made at `atMs` (a time the caller read from this store's clock), or now. */
  createSuite(ws: string, suite: NewSuite, children: readonly NewRun[], atMs?: number): SuiteRun;
  createRun(ws: string, run: NewRun): TestRun;
  cancelSuite(ws: string, id: string): SuiteRun;
  cancelRun(ws: string, id: string): TestRun;
  advanceRun(ws: string, id: string, move: RunMove): AdvanceOutcome;
  /** Everything back to the fixtures. */
  reset(): void;
}

/**
 * A stored run, written out field by field: an object made by spreading `child` and then adding
 * id and created_at keeps those two in a separate property array, ~30 bytes more per run.
 */
function storedRun(child: NewRun, id: string, created_at: string): TestRun {
  const run: TestRun = {
    id,
    test_id: child.test_id,
    agent_id: child.agent_id,
    status: child.status,
    verdict: child.verdict,
    started_at: child.started_at,
    ended_at: child.ended_at,
    result: child.result,
    created_at,
  };
  if (child.error !== undefined) run.error = child.error;
  return run;
}

export function createStore(options: StoreOptions): Store {
  const { minter, now } = options;
  const cancelRule = options.cancelRule ?? cancelSuite;
  const keyring = options.keyring ?? createKeyring(options.fixtures.workspaces);
  const idempotency = new IdempotencyStore(now);
  let workspaces = new Map<string, WorkspaceState>();
  const instant = () => new Date(now()).toISOString();

  // Ids are unique across workspaces, so names can be found without knowing the workspace.
  const agentNames = new Map(options.fixtures.workspaces.flatMap((w) => w.agents.map((a) => [a.id, a.name] as const)));
  const testNames = new Map(options.fixtures.workspaces.flatMap((w) => w.tests.map((t) => [t.id, t.name] as const)));
  const names: NameLookup = {
    testName: (id) => testNames.get(id) ?? id,
    agentName: (id) => agentNames.get(id) ?? id,
  };

  function load(): void {
    const fixtures = structuredClone(options.fixtures);
    workspaces = new Map(fixtures.workspaces.map((w) => [w.id, new WorkspaceState(w)]));
    for (const { workspace, suite } of fixtures.suiteRuns) workspaces.get(workspace)!.addSuite(suite);
    for (const { workspace, run } of fixtures.testRuns) workspaces.get(workspace)!.addRun(run);
    idempotency.clear();
  }
  load();

  const state = (ws: string): WorkspaceState => {
    const found = workspaces.get(ws);
    if (!found) throw new Error(`unknown workspace ${ws}`);
    return found;
  };

  function writeBack(w: WorkspaceState, before: SuiteRun, after: SuiteRun): void {
    w.replaceRuns(after.runs.filter((run, i) => run !== before.runs[i]));
  }

  return {
    keyring,
    idempotency,
    get workspaceIds() {
      return [...workspaces.keys()];
    },
    instant,
    agent: (ws, id) => state(ws).agents.get(id),
    agents: (ws) => [...state(ws).agents.values()],
    test: (ws, id) => state(ws).tests.get(id),
    tests: (ws) => [...state(ws).tests.values()],
    testsOfAgent: (ws, agentId) => state(ws).testsByAgent.get(agentId) ?? [],
    names,
    suite: (ws, id) => state(ws).suite(id),
    run: (ws, id) => state(ws).run(id),
    workspaceOfRun: (id) => [...workspaces.values()].find((w) => w.run(id) !== undefined)?.id,
    listSuites(ws, { agentId, after, limit }) {
      const page = state(ws).suitePage(agentId, after, limit);
      return { items: page.suites, nextAfter: page.nextAfter };
    },
    listRuns(ws, testId, { after, limit }) {
      const page = state(ws).runPage(testId, after, limit);
      return { items: page.runs, nextAfter: page.nextAfter };
    },
    createSuite(ws, meta, children, atMs) {
      const at = atMs ?? now();
      const created_at = new Date(at).toISOString();
      const suite: SuiteRun = {
        ...meta,
        id: minter.mint('srun', at),
        created_at,
        runs: children.map((child) => storedRun(child, minter.mint('run', at), created_at)),
      };
      state(ws).addSuite(suite);
      return suite;
    },
    createRun(ws, child) {
      const at = now();
      const run = storedRun(child, minter.mint('run', at), new Date(at).toISOString());
      state(ws).addRun(run);
      return run;
    },
    cancelSuite(ws, id) {
      const w = state(ws);
      const before = w.suite(id);
      if (!before) throw new Error(`cancelSuite: unknown suite ${id}`);
      const after = cancelRule(before, instant());
      if (after !== before) writeBack(w, before, after);
      return w.suite(id)!;
    },
    cancelRun(ws, id) {
      const w = state(ws);
      const before = w.run(id);
      if (!before) throw new Error(`cancelRun: unknown run ${id}`);
      const after = cancelRun(before, instant());
      if (after !== before) w.replaceRuns([after]);
      return after;
    },
    advanceRun(ws, id, move) {
      const w = state(ws);
      const before = w.run(id);
      if (!before) throw new Error(`advanceRun: unknown run ${id}`);
      const outcome = advanceRun(before, move, instant());
      if ('ok' in outcome) w.replaceRuns([outcome.ok]);
      return outcome;
    },
    reset: load,
  };
}
