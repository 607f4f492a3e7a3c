// Targets (b) and (c): the reference server as `serve` runs it (manual clock, no log), with
// one 20-child suite run to read and one terminal suite run to cancel over and over (the
// idempotent path). Both are made through the store's own createSuite.
import { startServer } from '../../src/server/index.ts';
import { benchChildren, runAllMeta } from '../fixtures.ts';

const server = await startServer({ control: true });
const workspace = 'alpha';
const agent = server.store.agents(workspace).find((a) => server.store.testsOfAgent(workspace, a.id).length > 0)!;
const tests = server.store.testsOfAgent(workspace, agent.id);
const meta = runAllMeta(agent.id);

// A realistic mix, terminal so that GET answers the same body for the whole run.
const toRead = server.store.createSuite(
  workspace,
  meta,
  benchChildren(tests, 20, server.store.instant(), 'mixed-terminal'),
);
const toCancel = server.store.createSuite(
  workspace,
  meta,
  benchChildren(tests, 20, server.store.instant(), 'mixed-terminal'),
);

console.log(
  `READY ${JSON.stringify({
    url: server.url,
    get: `/v1/agents/tests/suite-runs/${toRead.id}`,
    cancel: `/v1/agents/tests/suite-runs/${toCancel.id}/cancel`,
  })}`,
);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
