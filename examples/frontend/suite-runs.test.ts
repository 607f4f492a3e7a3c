// The frontend example, run for real against `serve`: what a UI does must work end to end, not
// only compile. Nothing moves on its own (manual clock): the test plays the worker through the
// control interface, one step between two polls, so no timing of the machine can change what the
// UI sees.
import type { SuiteRun } from 'suiterun-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import {
  ApiFailure,
  cancelSuiteRun,
  connect,
  describeProgress,
  isTerminal,
  listRecentSuiteRuns,
  pollUntilTerminal,
  runAllTests,
  type SuiteRunClient,
} from './suite-runs.ts';

describe('frontend example against serve', () => {
  let server: RunningServer;
  let client: SuiteRunClient;
  beforeAll(async () => {
    server = await startServer({ clock: 'manual', control: true });
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

  /**
   * The worker's next move for a suite: its first child not yet terminal goes one step on (the last one fails
   * its verdict).
   */
  async function workerStep(suite: SuiteRun): Promise<void> {
    const index = suite.runs.findIndex((r) => !isTerminal(r));
    if (index < 0) return;
    const run = suite.runs[index]!;
    const last = index === suite.runs.length - 1;
    const move =
      run.status === 'pending' ? { to: 'running' } : { to: 'completed', verdict: last ? 'failed' : 'passed' };
    const answer = await fetch(`${server.url}/_control/runs/${run.id}/advance`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_alpha', 'content-type': 'application/json' },
      body: JSON.stringify(move),
    });
    expect(answer.status).toBe(200);
  }

  it('starts a Run All and polls it until it is terminal, seeing it progress', async () => {
    const agentId = (await listRecentSuiteRuns(client)).find((s) => s.trigger === 'run_all')!.agent_id!;
    const suiteRunId = await runAllTests(client, agentId, `example-${Date.now()}`);
    expect(suiteRunId).toMatch(/^srun_/);
    // Each poll waits for the worker's step that the previous poll's update started.
    let step: Promise<void> = Promise.resolve();
    const get = client.GET as (...args: unknown[]) => Promise<unknown>;
    const polling: SuiteRunClient = {
      ...client,
      GET: (async (...args: unknown[]) => {
        await step;
        return get(...args);
      }) as SuiteRunClient['GET'],
    };
    const seen: SuiteRun[] = [];
    const last = await pollUntilTerminal(polling, suiteRunId!, {
      intervalMs: 0,
      maxPolls: 100,
      onUpdate: (s) => {
        seen.push(s);
        step = workerStep(s);
      },
    });
    expect(isTerminal(last)).toBe(true);
    expect(last).toMatchObject({ status: 'completed', verdict: 'failed' });
    // One poll per worker step (two per child), plus the first: every state on the way was seen.
    expect(seen).toHaveLength(2 * last.total + 1);
    expect(seen[0]!.status).toBe('running');
    expect(seen.map((s) => s.completed)).toEqual([...seen.map((s) => s.completed)].sort((a, b) => a - b));
    expect(describeProgress(seen[0]!)).toContain(`0/${last.total} done`);
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
