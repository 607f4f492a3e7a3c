// Comparison (d): the Prism mock answering the same GET from the spec's examples.
import { startMock } from '../../src/mock/index.ts';

const mock = await startMock({ port: 0 });
console.log(
  `READY ${JSON.stringify({ url: mock.url, path: '/v1/agents/tests/suite-runs/srun_01M6DV75802M85PKDPH32A4F0R' })}`,
);
process.on('SIGTERM', () => void mock.close().then(() => process.exit(0)));
