// The reference server as `serve --control` runs it, for the conformance throughput runs.
import { startServer } from '../../src/server/index.ts';

const server = await startServer({ control: true });
console.log(`READY ${JSON.stringify({ url: server.url })}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
