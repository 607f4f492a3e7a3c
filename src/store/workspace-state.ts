// One workspace's records and the indexes that keep every read cheap: suites and runs by id,
// suites newest-first (all, and per agent), runs newest-first per test.
//
// A stored suite is an immutable value (copy-on-write): a change to a child stores a new
// suite object with a new `runs` array, and readers get the stored object itself, without a
// copy. So a GET allocates nothing here, and the identity of a suite object is its version:
// the server caches a suite's representation for as long as that object is the stored one.
//
// A suite's children live only in its `runs`; by id, a child is found through the id of its
// suite (one map entry per run, no record object: a store of 2,000,000 children is ~100 MB
// leaner). Runs started on their own, outside any suite, have their own map.
import type { Agent, AgentTest, SuiteRun, TestRun } from '../domain/types.ts';
import type { WorkspaceFixture } from './fixtures.ts';
import { OrderedIndex } from './ordered-index.ts';

export class WorkspaceState {
  readonly id: string;
  readonly agents = new Map<string, Agent>();
  readonly tests = new Map<string, AgentTest>();
  readonly testsByAgent = new Map<string, AgentTest[]>();
  private readonly suites = new Map<string, SuiteRun>();
  /** Child run id -> the id of the suite whose `runs` hold it. */
  private readonly suiteOfRun = new Map<string, string>();
  /** Runs that belong to no suite. */
  private readonly looseRuns = new Map<string, TestRun>();
  private readonly suiteOrder = new OrderedIndex();
  private readonly suiteOrderByAgent = new Map<string, OrderedIndex>();
  private readonly runOrderByTest = new Map<string, OrderedIndex>();

  constructor(fixture: WorkspaceFixture) {
    this.id = fixture.id;
    for (const agent of fixture.agents) {
      this.agents.set(agent.id, agent);
      this.testsByAgent.set(agent.id, []);
    }
    for (const test of fixture.tests) {
      this.tests.set(test.id, test);
      this.testsByAgent.get(test.agent_id)!.push(test);
    }
  }

  get firstAgent(): Agent | undefined {
    return this.agents.values().next().value;
  }

  /** The stored suite itself: never change it, store a new one (replaceRuns). */
  suite(id: string): SuiteRun | undefined {
    return this.suites.get(id);
  }

  run(id: string): TestRun | undefined {
    const suiteId = this.suiteOfRun.get(id);
    if (suiteId === undefined) return this.looseRuns.get(id);
    // A scan of one suite's children: a handful usually, 1,000 at most through the API.
    return this.suites.get(suiteId)!.runs.find((run) => run.id === id);
  }

  /** Stores this very object (the caller hands it over and keeps no other handle on it). */
  addSuite(suite: SuiteRun): void {
    this.suites.set(suite.id, suite);
    for (const run of suite.runs) {
      this.suiteOfRun.set(run.id, suite.id);
      this.indexRun(run);
    }
    const key = { t: suite.created_at, id: suite.id };
    this.suiteOrder.insert(key);
    if (suite.agent_id !== null) indexFor(this.suiteOrderByAgent, suite.agent_id).insert(key);
  }

  /** A run outside any suite. */
  addRun(run: TestRun): void {
    this.looseRuns.set(run.id, run);
    this.indexRun(run);
  }

  private indexRun(run: TestRun): void {
    indexFor(this.runOrderByTest, run.test_id).insert({ t: run.created_at, id: run.id });
  }

  /**
   * Replaces stored runs by their new versions (same ids). Each suite they belong to is stored
   * anew, its `runs` copied once however many of its children changed (a cancel of 5,000
   * children is one pass, not 5,000).
   */
  replaceRuns(runs: readonly TestRun[]): void {
    const bySuite = new Map<string, Map<string, TestRun>>();
    for (const run of runs) {
      const suiteId = this.suiteOfRun.get(run.id);
      if (suiteId === undefined) {
        if (!this.looseRuns.has(run.id)) throw new Error(`replaceRuns: unknown run ${run.id}`);
        this.looseRuns.set(run.id, run);
        continue;
      }
      let replacements = bySuite.get(suiteId);
      if (!replacements) {
        replacements = new Map();
        bySuite.set(suiteId, replacements);
      }
      replacements.set(run.id, run);
    }
    for (const [suiteId, replacements] of bySuite) {
      const suite = this.suites.get(suiteId)!;
      this.suites.set(suiteId, { ...suite, runs: suite.runs.map((run) => replacements.get(run.id) ?? run) });
    }
  }

  suitePage(agentId: string | undefined, after: { t: string; id: string } | undefined, limit: number) {
    const index = agentId === undefined ? this.suiteOrder : this.suiteOrderByAgent.get(agentId);
    if (!index) return { suites: [] as SuiteRun[], nextAfter: null };
    const page = index.pageNewestFirst(after, limit);
    return { suites: page.ids.map((id) => this.suites.get(id)!), nextAfter: page.nextAfter };
  }

  runPage(testId: string, after: { t: string; id: string } | undefined, limit: number) {
    const index = this.runOrderByTest.get(testId);
    if (!index) return { runs: [] as TestRun[], nextAfter: null };
    const page = index.pageNewestFirst(after, limit);
    return { runs: page.ids.map((id) => this.run(id)!), nextAfter: page.nextAfter };
  }
}

function indexFor(map: Map<string, OrderedIndex>, key: string): OrderedIndex {
  let index = map.get(key);
  if (!index) {
    index = new OrderedIndex();
    map.set(key, index);
  }
  return index;
}
