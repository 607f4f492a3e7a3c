// `suiterun-kit serve`: the reference server on a port, with the fixtures' keys and a curl
// line to try printed at start. Stops cleanly on SIGTERM or SIGINT (in-flight requests finish).
import { InvalidArgumentError, type Command } from 'commander';
import { port, wholeNumber } from './arguments.ts';
import { deriveSuite } from '../domain/derive.ts';
import { FAULTS, faultWarning, isFaultName, type FaultName } from '../server/faults/index.ts';
import { DEFAULT_WORKER_TIMING, startServer, type RunningServer, type ServerOptions } from '../server/index.ts';
import { isLoopbackHost } from '../server/loopback.ts';
import { BUNDLED_FIXTURES_DIR, loadFixtures, type FixtureSet } from '../store/fixtures.ts';

interface ServeFlags {
  port: number;
  host: string;
  fixtures?: string;
  control: boolean;
  clock: 'manual' | 'real';
  pendingMs: number;
  runningMs: number;
  failRate: number;
  fault: FaultName[];
  log: boolean;
}

function rate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  return n;
}

function clockMode(value: string): 'manual' | 'real' {
  if (value !== 'manual' && value !== 'real') throw new InvalidArgumentError('expected manual or real.');
  return value;
}

function collectFault(value: string, previous: FaultName[]): FaultName[] {
  if (!isFaultName(value))
    throw new InvalidArgumentError(`unknown fault; the faults are: ${Object.keys(FAULTS).join(', ')}.`);
  return [...previous, value];
}

/** A running suite to show a real cancel on: the newest running one of the first workspace. */
function suiteToCancel(fixtures: FixtureSet): { id: string; key: string } | undefined {
  for (const workspace of fixtures.workspaces) {
    const key = workspace.keys.find((k) => !k.revoked)?.key;
    const running = fixtures.suiteRuns
      .filter(
        (s) =>
          s.workspace === workspace.id &&
          deriveSuite(s.suite.runs).status === 'running' &&
          s.suite.runs.some((r) => r.status === 'running'),
      )
      .sort((a, b) => (a.suite.created_at < b.suite.created_at ? 1 : -1))[0];
    if (key && running) return { id: running.suite.id, key };
  }
  return undefined;
}

export function startBanner(
  server: RunningServer,
  fixtures: FixtureSet,
  flags: ServeFlags,
  fixturesDir: string,
): string {
  const keyWidth = Math.max(...fixtures.workspaces.flatMap((w) => w.keys.map((k) => k.key.length)));
  const all = fixtures.workspaces.flatMap((w) => w.keys.map((k) => ({ ...k, workspace: w })));
  const keys = [...all.filter((k) => !k.revoked), ...all.filter((k) => k.revoked)].map(
    (k) =>
      `    ${k.key.padEnd(keyWidth)}  ${k.revoked ? 'revoked: answers 401' : `workspace ${k.workspace.id} (${k.workspace.name})`}`,
  );
  const clock =
    flags.clock === 'real'
      ? `real: runs you start move by themselves (pending ~${flags.pendingMs} ms, running ~${flags.runningMs} ms, ${Math.round(flags.failRate * 100)}% do not pass); fixture runs stay as they are`
      : 'manual: nothing moves unless the control interface says so';
  const control = server.controlEnabled
    ? `on: ${server.url}/_control (reset, make suite runs, advance runs; see spec/control.openapi.yaml)`
    : flags.control
      ? `off: ${flags.host} is not a loopback address`
      : 'off (--control turns it on)';
  const lines = [
    `suiterun-kit reference server listening on ${server.url}`,
    `  clock:    ${clock}`,
    `  control:  ${control}`,
    `  fixtures: ${fixturesDir === BUNDLED_FIXTURES_DIR ? 'bundled (fixtures/)' : fixturesDir}`,
    `  docs:     ${server.url}/docs (spec: ${server.url}/openapi.yaml)`,
    '  API keys:',
    ...keys,
  ];
  const target = suiteToCancel(fixtures);
  if (target) {
    lines.push('', `Try it: cancel the running fixture suite run ${target.id}`);
    lines.push(
      `  curl -s -X POST -H 'Authorization: Bearer ${target.key}' ${server.url}/v1/agents/tests/suite-runs/${target.id}/cancel`,
    );
  }
  if (flags.log) lines.push('', 'Request log (one JSON line per request) follows.');
  return lines.join('\n');
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

export async function runServe(flags: ServeFlags): Promise<void> {
  const fixturesDir = flags.fixtures ?? BUNDLED_FIXTURES_DIR;
  const fixtures = loadFixtures(fixturesDir); // a bad file stops here, naming the file and path
  if (flags.fault.length) console.error(faultWarning(new Set(flags.fault)));
  if (flags.control && !isLoopbackHost(flags.host)) {
    console.error(`suiterun-kit serve: the control interface stays off: ${flags.host} is not a loopback address.`);
  }
  const options: ServerOptions = {
    host: flags.host,
    port: flags.port,
    fixturesDir,
    control: flags.control,
    clock: flags.clock,
    faults: flags.fault,
    log: flags.log,
    workerTiming: { pendingMs: flags.pendingMs, runningMs: flags.runningMs, failRate: flags.failRate },
  };
  const server = await startServer(options);
  console.log(startBanner(server, fixtures, flags, fixturesDir));
  const signal = await untilSignal();
  // Stop listening first, then say so: whoever reads the message finds new connections refused.
  const closed = server.close();
  console.error(`suiterun-kit serve: ${signal}: finishing requests in flight, then stopping.`);
  await closed;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the stateful reference server with the fixtures (npm start = serve --control --clock real).')
    .showHelpAfterError(false)
    .option('--port <number>', 'port to listen on (0 picks a free one)', port, 4010)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option(
      '--fixtures <dir>',
      'directory with workspaces.json, suite-runs.json, test-runs.json (default: the bundled fixtures/)',
    )
    .option('--control', 'serve the control interface /_control/* (loopback addresses only)', false)
    .option('--no-control', 'do not serve the control interface (the default)')
    .option(
      '--clock <mode>',
      'manual: nothing moves by itself; real: workers move the runs you start',
      clockMode,
      'manual',
    )
    .option(
      '--pending-ms <ms>',
      'with --clock real: about how long a run waits before it runs',
      wholeNumber(0, 3_600_000),
      DEFAULT_WORKER_TIMING.pendingMs,
    )
    .option(
      '--running-ms <ms>',
      'with --clock real: about how long a run runs',
      wholeNumber(0, 3_600_000),
      DEFAULT_WORKER_TIMING.runningMs,
    )
    .option(
      '--fail-rate <rate>',
      'with --clock real: share of runs that do not pass (half failed, half verdict failed)',
      rate,
      DEFAULT_WORKER_TIMING.failRate,
    )
    .option(
      '--fault <name>',
      'turn on one deliberate bug, for proving the conformance kit (repeatable)',
      collectFault,
      [] as FaultName[],
    )
    .option('--log', 'print one JSON line per request (method, path, status, ms, request id)', false)
    .action(async (flags: ServeFlags) => {
      await runServe(flags);
    });
}
