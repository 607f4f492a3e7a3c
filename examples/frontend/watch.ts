// Run against `npm start` (real clock): lists the suite runs, starts a Run All, watches it, and
// cancels the first one still running.
//   npx tsx examples/frontend/watch.ts [http://127.0.0.1:4010] [sk_test_alpha]
import {
  cancelSuiteRun,
  connect,
  describeProgress,
  listRecentSuiteRuns,
  pollUntilTerminal,
  runAllTests,
} from './suite-runs.ts';

const [baseUrl = 'http://127.0.0.1:4010', apiKey = 'sk_test_alpha'] = process.argv.slice(2);
const client = connect(baseUrl, apiKey);

const recent = await listRecentSuiteRuns(client, { max: 10 });
console.log(`${recent.length} recent suite runs:`);
for (const suite of recent) console.log(`  ${suite.id} ${suite.trigger} ${suite.status} ${suite.total} runs`);

const running = recent.find((suite) => suite.status === 'running');
if (running) console.log(`cancelled: ${describeProgress(await cancelSuiteRun(client, running.id))}`);

const agentId = recent.find((suite) => suite.agent_id)?.agent_id;
if (agentId) {
  const suiteRunId = await runAllTests(client, agentId, `watch-${Date.now()}`);
  if (suiteRunId)
    await pollUntilTerminal(client, suiteRunId, {
      intervalMs: 500,
      onUpdate: (suite) => console.log(describeProgress(suite)),
    });
}
