// The frontend example, run for real against `serve` with a fast real clock: what a UI does
// must work end to end, not only compile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { ApiFailure, cancelSuiteRun, connect, describeProgress, isTerminal, listRecentSuiteRuns, pollUntilTerminal, runAllTests, type SuiteRunClient } from './suite-runs.ts';

describe('frontend example against serve', () => {
  let server: RunningServer;
  let client: SuiteRunClient;
  beforeAll(async () => {
    server = await startServer({ clock: 'real', workerTiming: { pendingMs: 20, runningMs: 20, failRate: 0.3 } });
    client = connect(server.url, 'sk_test_alpha');
  });
  afterAll(() => server?.close());

  it('lists suite runs newest first across pages', async () => {
    const all = await listRecentSuiteRuns(client, { max: 200 });
    const paged = await listRecentSuiteRuns(client, { max: 3 });
    expect(all.length).toBeGreaterThan(3);
    expect(paged.map((s) => s.id)).toEqual(all.slice(0, 3).map((s) => s.id));
    const created = all.map((s) => Date.parse(s.created_at));
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('starts a Run All and polls it until it is terminal, seeing it progress', async () => {
    const agentId = (await listRecentSuiteRuns(client)).find((s) => s.trigger === 'run_all')!.agent_id!;
    const suiteRunId = await runAllTests(client, agentId, `example-${Date.now()}`);
    expect(suiteRunId).toMatch(/^srun_/);
    const seen: string[] = [];
    const last = await pollUntilTerminal(client, suiteRunId!, { intervalMs: 10, onUpdate: (s) => seen.push(s.status) });
    expect(isTerminal(last)).toBe(true);
    expect(seen[0]).toBe('running');
    expect(describeProgress(last)).toContain(`${last.total}/${last.total} done`);
  });

  it('cancels a running suite, and cancelling again answers the same', async () => {
    const running = (await listRecentSuiteRuns(client, { max: 200 })).find((s) => s.status === 'running');
    expect(running).toBeDefined();
    const first = await cancelSuiteRun(client, running!.id);
    expect(first.status).toBe('cancelled');
    expect(await cancelSuiteRun(client, running!.id)).toEqual(first);
  });

  it('turns an error answer into an ApiFailure with the envelope code', async () => {
    await expect(cancelSuiteRun(client, 'srun_nope')).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await expect(cancelSuiteRun(connect(server.url, 'sk_wrong'), 'srun_nope')).rejects.toBeInstanceOf(ApiFailure);
  });
});
