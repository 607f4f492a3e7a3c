// The proxy target: `suiterun-kit proxy` in its own process, in front of the URL given as the
// first argument, judging every exchange as it would in use.
import { loadLiveContracts, startProxy } from '../../conformance/live/index.ts';

const proxy = await startProxy({ target: process.argv[2]!, contracts: await loadLiveContracts() });
console.log(`READY ${JSON.stringify({ url: proxy.url })}`);
process.on('SIGINT', () => void proxy.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
