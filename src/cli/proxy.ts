// `suiterun-kit proxy`: a semantic proxy in front of an implementation. It forwards everything
// unchanged, prints each finding as it happens, serves the report at /_proxy/report, and on
// SIGINT/SIGTERM writes the report and exits 1 when a rule was broken, 0 otherwise.
import type { Command } from 'commander';
import {
  findingLine,
  loadLiveContracts,
  REPORT_PATH,
  startProxy,
  type RunningProxy,
} from '../../conformance/live/index.ts';
import { port } from './arguments.ts';
import { collect, liveTargets, REPORTER_HELP, writeReports, type LiveIo, type Targets } from './live-output.ts';

export interface ProxyFlags {
  target: string;
  port: number;
  host: string;
  reporter?: string[];
  out?: string;
}

export interface StartedProxy {
  proxy: RunningProxy;
  /** Stops the proxy, writes the reports and returns the exit code. */
  stop(): Promise<number>;
}

/** Starts the proxy for parsed flags; a one-line reason (exit 2) when it cannot. */
export async function startProxyCommand(flags: ProxyFlags, io: LiveIo): Promise<StartedProxy | string> {
  let url: URL;
  try {
    url = new URL(flags.target);
  } catch {
    return `--target ${JSON.stringify(flags.target)} is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `--target must be an http or https URL, got ${flags.target}`;
  const targets: Targets | string = liveTargets(flags.reporter, flags.out);
  if (typeof targets === 'string') return targets;
  let proxy: RunningProxy;
  try {
    proxy = await startProxy({
      target: flags.target,
      contracts: await loadLiveContracts(),
      host: flags.host,
      port: flags.port,
      onFinding: (f) => io.stderr(`${findingLine(f)}\n`),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return e.code === 'EADDRINUSE' ? `port ${flags.port} on ${flags.host} is already in use` : e.message;
  }
  io.stderr(
    `suiterun-kit proxy on ${proxy.url} -> ${flags.target}: judging every exchange; the report is at ${proxy.url}${REPORT_PATH}, and written on Ctrl-C\n`,
  );
  return {
    proxy,
    async stop() {
      await proxy.close();
      return writeReports(proxy.report(), targets, io);
    },
  };
}

export function registerProxy(program: Command): void {
  program
    .command('proxy')
    .description(
      'Forward live traffic to an implementation unchanged and judge every exchange against the contract (schema, derivation, ' +
        'terminal is final, cancel, tenancy, idempotency, resubmit). Each finding is printed as it happens; on SIGINT/SIGTERM the ' +
        'report is written. Exit 1: a rule was broken; 0: none; 2: could not run.',
    )
    .requiredOption(
      '--target <url>',
      'origin of the implementation to forward to (scheme, host, port; no path), e.g. http://127.0.0.1:4010',
    )
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 4012)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--reporter <name>', REPORTER_HELP, collect)
    .option('--out <file>', 'write the (last) reporter to this file instead of stdout')
    .addHelpText(
      'after',
      `\nThe report so far, as JSON: GET ${REPORT_PATH} on the proxy. Keys never appear in findings or reports.`,
    )
    .action(async (flags: ProxyFlags) => {
      const io: LiveIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
      const started = await startProxyCommand(flags, io);
      if (typeof started === 'string') {
        io.stderr(`proxy: could not run: ${started}\n`);
        process.exit(2);
      }
      const shutdown = (): void => void started.stop().then((code) => process.exit(code));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
