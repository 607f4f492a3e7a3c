// `suiterun-kit/server`: the reference server for a test's setup (a vitest globalSetup, a Node
// test's before hook). The options are the `serve` command's, as values; the port defaults to 0
// (a free one), everything else to what `serve` does.
import { startServer, type ServerOptions } from '../server/index.ts';
import { DEFAULT_WORKER_TIMING } from '../server/worker.ts';
import type { FaultName } from '../server/faults/index.ts';
import { BUNDLED_FIXTURES_DIR, loadFixtures } from '../store/fixtures.ts';

export { FAULTS, type FaultName } from '../server/faults/index.ts';
export { DEFAULT_WORKER_TIMING, type WorkerTiming } from '../server/worker.ts';

export interface ReferenceServerOptions {
  /** Port to listen on. Default 0: a free port (read it from `url` or `port`). */
  port?: number;
  /** Address to bind. Default `127.0.0.1`. */
  host?: string;
  /** Directory with workspaces.json, suite-runs.json and test-runs.json. Default: the bundled fixtures. */
  fixtures?: string;
  /** Serve the control interface /_control/* (loopback hosts only). Default false. */
  control?: boolean;
  /** `manual` (default): nothing moves by itself; `real`: workers move the runs you start. */
  clock?: 'manual' | 'real';
  /** With `clock: 'real'`: about how long a run waits before it runs, in ms. */
  pendingMs?: number;
  /** With `clock: 'real'`: about how long a run runs, in ms. */
  runningMs?: number;
  /** With `clock: 'real'`: share of runs that do not pass, 0 to 1. */
  failRate?: number;
  /** Deliberate bugs to turn on, for proving a conformance kit (see `FAULTS`). Default none. */
  faults?: FaultName[];
  /** One JSON line per request: `true` writes them to stdout, a function receives them. Default off. */
  log?: boolean | ((line: string) => void);
}

export interface ApiKey {
  key: string;
  workspace: string;
  /** A revoked key: the server answers 401 to it. */
  revoked: boolean;
}

export interface ReferenceServer {
  /** The origin, e.g. `http://127.0.0.1:53124`. */
  url: string;
  port: number;
  /** Whether /_control/* is served: asked for, and bound to a loopback address. */
  controlEnabled: boolean;
  /** The fixtures' API keys, e.g. `sk_test_alpha` of workspace `ws_alpha`. */
  keys: ApiKey[];
  /** Stops accepting, lets requests in flight finish, then resolves. Safe to call twice. */
  close(): Promise<void>;
}

function checkNumber(name: string, value: number | undefined, min: number, max: number, whole: boolean): void {
  if (value === undefined) return;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (whole && !Number.isInteger(value))
  ) {
    throw new TypeError(
      `startReferenceServer: ${name} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${String(value)}`,
    );
  }
}

/**
 * Starts the stateful reference server; rejects with a one-line reason (bad option or fixtures, port in use,
 * unknown fault).
 */
export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  checkNumber('port', options.port, 0, 65_535, true);
  checkNumber('pendingMs', options.pendingMs, 0, 3_600_000, true);
  checkNumber('runningMs', options.runningMs, 0, 3_600_000, true);
  checkNumber('failRate', options.failRate, 0, 1, false);
  const fixturesDir = options.fixtures ?? BUNDLED_FIXTURES_DIR;
  const fixtures = loadFixtures(fixturesDir);
  const serverOptions: ServerOptions = {
    port: options.port ?? 0,
    fixturesDir,
    workerTiming: {
      pendingMs: options.pendingMs ?? DEFAULT_WORKER_TIMING.pendingMs,
      runningMs: options.runningMs ?? DEFAULT_WORKER_TIMING.runningMs,
      failRate: options.failRate ?? DEFAULT_WORKER_TIMING.failRate,
    },
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.control !== undefined ? { control: options.control } : {}),
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    ...(options.faults !== undefined ? { faults: options.faults } : {}),
    ...(typeof options.log === 'function' ? { log: true, logSink: options.log } : { log: options.log === true }),
  };
  const server = await startServer(serverOptions);
  return {
    url: server.url,
    port: server.port,
    controlEnabled: server.controlEnabled,
    keys: fixtures.workspaces.flatMap((w) =>
      w.keys.map((k) => ({ key: k.key, workspace: w.id, revoked: Boolean(k.revoked) })),
    ),
    close: () => server.close(),
  };
}
