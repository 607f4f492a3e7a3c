// One workspace's records and the indexes that keep every read cheap: suites and runs by id,
// suites newest-first (all, and per agent), runs newest-first per test. A suite stores its
// children's ids; each run is stored once, so a child cancelled on its own is seen by its suite.
import type { Agent, AgentTest, SuiteRun, SuiteRunMeta, TestRun } from '../domain/types.ts';
import type { WorkspaceFixture } from './fixtures.ts';
import { OrderedIndex } from './ordered-index.ts';

interface SuiteRecord {
  meta: SuiteRunMeta;
  runIds: string[];
}

interface RunRecord {
  run: TestRun;
  suiteId: string | null;
}

export class WorkspaceState {
  readonly id: string;
  readonly agents = new Map<string, Agent>();
  readonly tests = new Map<string, AgentTest>();
  readonly testsByAgent = new Map<string, AgentTest[]>();
  private readonly suites = new Map<string, SuiteRecord>();
  private readonly runs = new Map<string, RunRecord>();
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

  suite(id: string): SuiteRun | undefined {
    const record = this.suites.get(id);
    if (!record) return undefined;
    return { ...record.meta, runs: record.runIds.map((runId) => this.runs.get(runId)!.run) };
  }

  run(id: string): TestRun | undefined {
    return this.runs.get(id)?.run;
  }

  suiteIdOfRun(id: string): string | null | undefined {
    return this.runs.get(id)?.suiteId;
  }

  addSuite(suite: SuiteRun): void {
    const { runs, ...meta } = suite;
    this.suites.set(suite.id, { meta, runIds: runs.map((r) => r.id) });
    for (const run of runs) this.addRun(run, suite.id);
    const key = { t: suite.created_at, id: suite.id };
    this.suiteOrder.insert(key);
    if (suite.agent_id !== null) indexFor(this.suiteOrderByAgent, suite.agent_id).insert(key);
  }

  addRun(run: TestRun, suiteId: string | null): void {
    this.runs.set(run.id, { run, suiteId });
    indexFor(this.runOrderByTest, run.test_id).insert({ t: run.created_at, id: run.id });
  }

  /** Replaces a stored run by its new version (same id); its suite sees it at once. */
  replaceRun(run: TestRun): void {
    const record = this.runs.get(run.id);
    if (!record) throw new Error(`replaceRun: unknown run ${run.id}`);
    record.run = run;
  }

  suitePage(agentId: string | undefined, after: { t: string; id: string } | undefined, limit: number) {
    const index = agentId === undefined ? this.suiteOrder : this.suiteOrderByAgent.get(agentId);
    if (!index) return { suites: [] as SuiteRun[], nextAfter: null };
    const page = index.pageNewestFirst(after, limit);
    return { suites: page.ids.map((id) => this.suite(id)!), nextAfter: page.nextAfter };
  }

  runPage(testId: string, after: { t: string; id: string } | undefined, limit: number) {
    const index = this.runOrderByTest.get(testId);
    if (!index) return { runs: [] as TestRun[], nextAfter: null };
    const page = index.pageNewestFirst(after, limit);
    return { runs: page.ids.map((id) => this.runs.get(id)!.run), nextAfter: page.nextAfter };
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
