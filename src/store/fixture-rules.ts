// What the fixture schema cannot say: ids unique, references inside one workspace, a
// resubmit's parent terminal and older, timestamps in order.
import { deriveSuite } from '../domain/derive.ts';
import type { TestRun } from '../domain/types.ts';
import { isTerminal } from '../domain/types.ts';
import type { RawFiles, RawRun } from './fixtures.ts';

type Fail = (file: string, pointer: string, problem: string) => Error;

export function checkFixtureRules(files: RawFiles, fail: Fail): void {
  const W = files.workspaces;
  const workspaceOf = new Map<string, string>(); // any id -> its workspace
  const agentOfTest = new Map<string, string>();
  const flowVersionAgent = new Map<string, string>();
  const seen = new Set<string>();
  const unique = (file: string, pointer: string, id: string, what: string) => {
    if (seen.has(id)) throw fail(file, pointer, `${what} "${id}" is defined twice`);
    seen.add(id);
  };

  W.data.workspaces.forEach((w, wi) => {
    unique(W.file, `/workspaces/${wi}/id`, `workspace:${w.id}`, 'workspace');
    w.keys.forEach((k, ki) => {
      unique(W.file, `/workspaces/${wi}/keys/${ki}/key`, `key:${k.key}`, 'API key');
    });
    w.agents.forEach((a, ai) => {
      unique(W.file, `/workspaces/${wi}/agents/${ai}/id`, a.id, 'agent');
      workspaceOf.set(a.id, w.id);
      (a.flow_versions ?? []).forEach((f, fi) => {
        unique(W.file, `/workspaces/${wi}/agents/${ai}/flow_versions/${fi}/id`, f.id, 'flow version');
        flowVersionAgent.set(f.id, a.id);
      });
    });
    w.tests.forEach((t, ti) => {
      unique(W.file, `/workspaces/${wi}/tests/${ti}/id`, t.id, 'test');
      if (workspaceOf.get(t.agent_id) !== w.id)
        throw fail(W.file, `/workspaces/${wi}/tests/${ti}/agent_id`, `no agent "${t.agent_id}" in workspace "${w.id}"`);
      workspaceOf.set(t.id, w.id);
      agentOfTest.set(t.id, t.agent_id);
    });
  });
  const workspaceIds = new Set(W.data.workspaces.map((w) => w.id));

  const checkRun = (file: string, pointer: string, workspace: string, run: RawRun, createdAt: string) => {
    unique(file, `${pointer}/id`, run.id, 'test run');
    if (workspaceOf.get(run.test_id) !== workspace)
      throw fail(file, `${pointer}/test_id`, `no test "${run.test_id}" in workspace "${workspace}"`);
    if (run.agent_id && workspaceOf.get(run.agent_id) !== workspace)
      throw fail(file, `${pointer}/agent_id`, `no agent "${run.agent_id}" in workspace "${workspace}"`);
    const created = Date.parse(createdAt);
    if (run.started_at && Date.parse(run.started_at) < created)
      throw fail(file, `${pointer}/started_at`, 'is before the run was created');
    const from = run.started_at ? Date.parse(run.started_at) : created;
    if (run.ended_at && Date.parse(run.ended_at) < from)
      throw fail(file, `${pointer}/ended_at`, 'is before the run started (or was created)');
  };

  const S = files.suiteRuns;
  const suites = new Map<string, { workspace: string; created: number; runs: RawRun[] }>();
  S.data.suite_runs.forEach((s, si) => {
    const at = `/suite_runs/${si}`;
    if (!workspaceIds.has(s.workspace))
      throw fail(S.file, `${at}/workspace`, `no workspace "${s.workspace}" in workspaces.json`);
    unique(S.file, `${at}/id`, s.id, 'suite run');
    if (s.agent_id !== null && workspaceOf.get(s.agent_id) !== s.workspace)
      throw fail(S.file, `${at}/agent_id`, `no agent "${s.agent_id}" in workspace "${s.workspace}"`);
    if (s.flow_version_id && flowVersionAgent.get(s.flow_version_id) !== s.agent_id) {
      throw fail(S.file, `${at}/flow_version_id`, `is not a flow version of agent "${s.agent_id}"`);
    }
    s.runs.forEach((r, ri) => {
      checkRun(S.file, `${at}/runs/${ri}`, s.workspace, r, s.created_at);
    });
    suites.set(s.id, { workspace: s.workspace, created: Date.parse(s.created_at), runs: s.runs });
  });
  S.data.suite_runs.forEach((s, si) => {
    if (!s.parent_suite_run_id) return;
    const parent = suites.get(s.parent_suite_run_id);
    const pointer = `/suite_runs/${si}/parent_suite_run_id`;
    if (!parent || parent.workspace !== s.workspace)
      throw fail(S.file, pointer, `no suite run "${s.parent_suite_run_id}" in workspace "${s.workspace}"`);
    if (parent.created >= Date.parse(s.created_at))
      throw fail(S.file, pointer, 'the parent must be older than its resubmit');
    const statuses = parent.runs.map(
      (r) => ({ status: r.status, verdict: r.verdict ?? null, ended_at: r.ended_at ?? null }) as TestRun,
    );
    if (!isTerminal(deriveSuite(statuses).status))
      throw fail(S.file, pointer, 'only a terminal suite run can be resubmitted');
  });

  const T = files.testRuns;
  T.data.test_runs.forEach((r, ri) => {
    const at = `/test_runs/${ri}`;
    if (!workspaceIds.has(r.workspace!))
      throw fail(T.file, `${at}/workspace`, `no workspace "${r.workspace}" in workspaces.json`);
    checkRun(T.file, at, r.workspace!, r, r.created_at!);
  });
}
