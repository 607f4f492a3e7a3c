// startServer: the reference server as a function, for the CLI, the conformance kit and tests.
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { CONTROL_SPEC_PATH, loadContract, PUBLIC_SPEC_PATH, type Contract } from '../contract/index.ts';
import { BUNDLED_FIXTURES_DIR, loadFixtures } from '../store/fixtures.ts';
import { createStore, type Store } from '../store/store.ts';
import { createApp } from './app.ts';
import { answerClientError, answerConnect } from './client-error.ts';
import { systemClock, type Clock } from './clock.ts';
import { applyFaults, parseFaults, type FaultName } from './faults/index.ts';
import { isLoopbackHost } from './loopback.ts';
import type { LogSink } from './request-log.ts';
import { createAppContext, DEFAULT_SEAMS } from './seams.ts';
import { createWorker, DEFAULT_WORKER_TIMING, idleWorker, type WorkerTiming } from './worker.ts';

export { FAULTS, type FaultName } from './faults/index.ts';
export { DEFAULT_WORKER_TIMING } from './worker.ts';

export interface ServerOptions {
  host?: string;
  port?: number;
  fixturesDir?: string;
  control?: boolean;
  /** `manual`: nothing moves unless the control interface says so; `real`: workers move new runs. */
  clock?: 'manual' | 'real';
  faults?: FaultName[];
  log?: boolean;
  workerTiming?: WorkerTiming;
  /** Where time comes from (tests inject a clock they move); the system clock by default. */
  timeSource?: Clock;
  /** Randomness of the workers (fail rate, jitter); Math.random by default. */
  random?: () => number;
  /** Where `log` lines go; stdout by default. */
  logSink?: LogSink;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Whether /_control/* is served: asked for, and bound to a loopback address. */
  controlEnabled: boolean;
  /** For tests and tools that run in-process: the live store. */
  store: Store;
}

const contracts = new Map<string, Promise<Contract>>();
/** Parsing and compiling a spec takes a while; every server in a process shares the result. */
function contractAt(path: string): Promise<Contract> {
  let found = contracts.get(path);
  if (!found) {
    found = loadContract(path);
    found.catch(() => contracts.delete(path));
    contracts.set(path, found);
  }
  return found;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const parsed = parseFaults(options.faults ?? []);
  if ('unknown' in parsed) throw new Error(`unknown fault(s): ${parsed.unknown.join(', ')}`);
  // The one place faults are applied: each one a decorator in front of the seam it breaks.
  const seams = applyFaults(DEFAULT_SEAMS, parsed.ok);
  const clock = options.timeSource ?? systemClock;
  const fixtures = loadFixtures(options.fixturesDir ?? BUNDLED_FIXTURES_DIR);
  const controlEnabled = options.control === true && isLoopbackHost(host);

  const [contract, controlContract] = await Promise.all([
    contractAt(PUBLIC_SPEC_PATH),
    controlEnabled ? contractAt(CONTROL_SPEC_PATH) : undefined,
  ]);
  const store = createStore({
    fixtures,
    now: () => clock.now(),
    minter: seams.minter(),
    cancelRule: seams.cancelRule,
    keyring: seams.keyring(fixtures.workspaces),
  });
  const worker =
    options.clock === 'real'
      ? createWorker(store, options.workerTiming ?? DEFAULT_WORKER_TIMING, options.random)
      : idleWorker;
  const context = createAppContext({ contract, controlContract, store, worker }, seams);
  const log = options.log ? (options.logSink ?? ((line: string) => process.stdout.write(`${line}\n`))) : undefined;
  const app = createApp(context, { ...(log ? { log } : {}), seams });
  // No Host header is not worth node's bare 400: the API does not use Host, so such a request
  // goes through the pipeline like any other (and gets the envelope if it is wrong otherwise).
  const server = http.createServer({ requireHostHeader: false }, app);
  server.on('clientError', answerClientError);
  server.on('connect', answerConnect);
  // An Expect other than 100-continue: answered as if it were absent (RFC 9110 allows it),
  // rather than with node's bare 417.
  server.on('checkExpectation', app);

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${options.port} on ${host} is already in use`) : error);
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    controlEnabled,
    store,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        worker.stop();
        // Stops accepting, lets requests in flight finish, then closes idle keep-alive sockets.
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
