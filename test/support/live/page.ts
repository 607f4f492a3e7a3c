// The page a browser runs through the proxy: a small app on the typed client, as a team's
// frontend would use it (list, make suites through the control interface, read, cancel, poll,
// resubmit with an Idempotency-Key, another workspace's key, no key, a made-up key, a bad id).
// Bundled for the browser by live-page.ts; window.runScenario returns what it did.
import { createControlClient, createSuiteRunClient } from '../../../src/client/index.ts';

interface Keys {
  main: string;
  other: string;
  madeUp: string;
}

type Child = { status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled'; verdict?: 'passed' | 'failed' };

const UNKNOWN_SUITE = 'srun_01M8QYG0DTF13XDMEN2QP4J000';

async function runScenario(baseUrl: string, keys: Keys): Promise<string[]> {
  const log: string[] = [];
  const api = createSuiteRunClient({ baseUrl, apiKey: keys.main });
  const control = createControlClient({ baseUrl, apiKey: keys.main });
  const other = createSuiteRunClient({ baseUrl, apiKey: keys.other });
  const madeUp = createSuiteRunClient({ baseUrl, apiKey: keys.madeUp });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const suitePath = '/v1/agents/tests/suite-runs/{suite_run_id}' as const;
  const read = (id: string) => api.GET(suitePath, { params: { path: { suite_run_id: id } } });
  const make = async (children: Child[]) => {
    const made = await control.POST('/_control/suite-runs', { body: { children } });
    if (!made.data) throw new Error(`control create answered ${made.response.status}`);
    return made.data;
  };

  log.push(
    `list ${(await api.GET('/v1/agents/tests/suite-runs', { params: { query: { limit: 10 } } })).response.status}`,
  );
  const mixed = await make([
    { status: 'completed', verdict: 'passed' },
    { status: 'completed', verdict: 'failed' },
    { status: 'failed' },
    { status: 'running' },
    { status: 'pending' },
  ]);
  const passed = await make([
    { status: 'completed', verdict: 'passed' },
    { status: 'completed', verdict: 'passed' },
  ]);
  const withCancelled = await make([{ status: 'completed', verdict: 'passed' }, { status: 'cancelled' }]);
  const twoRunning = await make([{ status: 'running' }, { status: 'running' }]);
  const oneChild = await make([{ status: 'pending' }, { status: 'running' }]);
  for (const suite of [mixed, passed, withCancelled]) log.push(`get ${(await read(suite.id)).response.status}`);

  // Two workers end their runs a moment apart: the suite ends with the later one.
  for (const run of twoRunning.runs) {
    const moved = await control.POST('/_control/runs/{test_run_id}/advance', {
      params: { path: { test_run_id: run.id } },
      body: { to: 'failed', error: 'worker crashed' },
    });
    log.push(`advance ${moved.response.status}`);
    await pause(15);
  }
  log.push(`get ${(await read(twoRunning.id)).response.status}`);
  log.push(
    `list ${(await api.GET('/v1/agents/tests/suite-runs', { params: { query: { limit: 20 } } })).response.status}`,
  );

  // Cancel, poll until it reads settled (bounded), cancel again.
  log.push(
    `cancel ${(await api.POST(`${suitePath}/cancel`, { params: { path: { suite_run_id: mixed.id } } })).response.status}`,
  );
  for (let i = 0; i < 3; i++) {
    const polled = await read(mixed.id);
    log.push(`poll ${polled.response.status} ${polled.data?.status}`);
    if (polled.data && polled.data.status !== 'running') break;
  }
  log.push(
    `cancel again ${(await api.POST(`${suitePath}/cancel`, { params: { path: { suite_run_id: mixed.id } } })).response.status}`,
  );
  log.push(
    `cancel completed ${(await api.POST(`${suitePath}/cancel`, { params: { path: { suite_run_id: passed.id } } })).response.status}`,
  );
  log.push(`get ${(await read(passed.id)).response.status}`);

  // Cancel one child run, then read its suite.
  const child = oneChild.runs[0]!.id;
  log.push(
    `get run ${(await api.GET('/v1/agents/tests/runs/{test_run_id}', { params: { path: { test_run_id: child } } })).response.status}`,
  );
  log.push(
    `cancel run ${(await api.POST('/v1/agents/tests/runs/{test_run_id}/cancel', { params: { path: { test_run_id: child } } })).response.status}`,
  );
  log.push(`get ${(await read(oneChild.id)).response.status}`);

  // Resubmit with an Idempotency-Key, retry it (a replay), then read the new suite.
  const resubmit = () =>
    api.POST(`${suitePath}/resubmit`, {
      params: { path: { suite_run_id: mixed.id }, header: { 'Idempotency-Key': 'page-resubmit-1' } },
    });
  const first = await resubmit();
  const retry = await resubmit();
  log.push(`resubmit ${first.response.status} retry ${retry.response.status}`);
  if (first.data) log.push(`get new ${(await read(first.data.id)).response.status}`);

  // What a page must not be able to do: another workspace's suite, no key, a made-up key, a bad id.
  log.push(
    `other workspace ${(await other.GET(suitePath, { params: { path: { suite_run_id: mixed.id } } })).response.status}`,
  );
  log.push(
    `no key ${(await api.GET(suitePath, { params: { path: { suite_run_id: UNKNOWN_SUITE } }, headers: { Authorization: null } })).response.status}`,
  );
  log.push(
    `made-up key ${(await madeUp.GET(suitePath, { params: { path: { suite_run_id: mixed.id } } })).response.status}`,
  );
  log.push(`bad id ${(await read('not-a-suite-id')).response.status}`);
  return log;
}

(window as unknown as { runScenario: typeof runScenario }).runScenario = runScenario;
