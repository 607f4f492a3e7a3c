// `suiterun-kit verify`: parse flags, run the conformance kit against a target (or a reference
// server started in-process), render the reports, and decide the exit code: 0 every check
// passed, 1 a check failed, 2 it could not run. The kit itself prints nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  baselineOf,
  CATALOGUE,
  sourceOf,
  sourceText,
  DEFAULT_CONCURRENCY,
  DEFAULT_KEYS,
  DEFAULT_RUNS,
  DEFAULT_TIMEOUT_MS,
  GROUPS,
  parseBaseline,
  runVerify,
  serializeBaseline,
} from '../../conformance/index.ts';
import type { Baseline, VerifyOptions, VerifyReport } from '../../conformance/index.ts';
import { CouldNotRun } from '../../conformance/errors.ts';
import { REPORTERS, renderSummary, renderTerminal } from '../../conformance/reporters/index.ts';
import type { Exchange } from '../../conformance/http/exchange.ts';
import { verifyHar } from '../../conformance/live/verify-har.ts';
import { wholeNumber } from './arguments.ts';
import { createTerminalProgress, type TerminalStream } from './verify-terminal.ts';

export interface VerifyFlags {
  target?: string;
  apiKey?: string;
  otherApiKey?: string;
  revokedApiKey?: string;
  controlUrl?: string;
  /** commander's `--no-control`: false when given. */
  control: boolean;
  agentId?: string;
  testId?: string[];
  runs: number;
  seed?: number;
  path?: string;
  only?: string[];
  reporter?: string[];
  out?: string;
  timeout?: number;
  /** The older name of --timeout. */
  timeoutMs?: number;
  /** Default DEFAULT_CONCURRENCY. */
  concurrency?: number;
  rate?: number;
  reset?: boolean;
  listChecks?: boolean;
  baseline?: string;
  writeBaseline?: string;
  har?: string;
}

export interface VerifyIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Present when stderr is a terminal: then, unless a --reporter is given, verify shows live
   * progress per group there and ends with the table instead of a line per check.
   */
  terminal?: TerminalStream & { color?: boolean; tickMs?: number };
  /** stdout is a terminal too: the final report may use colour. */
  stdoutColor?: boolean;
  /** Starts the reference server when there is no --target (injectable for tests). */
  startReference?: () => Promise<{ url: string; close(): Promise<void> }>;
}

interface ReporterTarget {
  name: string;
  file?: string;
}

function integer(value: string): number {
  if (!/^-?[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** --rate: requests per second, a positive decimal (0.5 is one request every two seconds). */
function rate(value: string): number {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || !(Number(value) > 0))
    throw new InvalidArgumentError('expected a positive number of requests per second, e.g. 20 or 0.5.');
  return Number(value);
}

/** `--reporter NAME` or `NAME=FILE`; `--out FILE` goes to the last reporter without a file. */
export function reporterTargets(names: string[], out?: string): ReporterTarget[] | string {
  const targets: ReporterTarget[] = (names.length ? names : ['default']).map((raw) => {
    const [name, file] = raw.split('=', 2) as [string, string | undefined];
    return file ? { name, file } : { name };
  });
  const unknown = targets.filter((t) => !REPORTERS[t.name]);
  if (unknown.length)
    return `unknown reporter ${unknown.map((t) => t.name).join(', ')} (known: ${Object.keys(REPORTERS).join(', ')})`;
  if (out) {
    const open = [...targets].reverse().find((t) => !t.file);
    if (!open) return '--out given but every --reporter already names its file (NAME=FILE)';
    open.file = out;
  }
  if (targets.filter((t) => !t.file).length > 1)
    return 'more than one reporter writes to stdout: give the others a file (--reporter NAME=FILE or --out)';
  return targets;
}

export function listChecks(): string {
  const lines: string[] = [];
  for (const group of GROUPS) {
    lines.push(group);
    for (const check of CATALOGUE.filter((c) => c.group === group)) {
      lines.push(`  ${check.id}  ${check.title}`, `      source: ${sourceText(sourceOf(check))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function exitLine(report: VerifyReport): string {
  if (report.outcome === 'could-not-run') return `verify: could not run: ${report.reason}`;
  const summary = renderSummary(report);
  if (report.outcome === 'failed') return `verify: FAILED: ${report.reason} (${summary})`;
  const known = report.baseline?.known.length
    ? ` (known failures from the baseline, not failing: ${report.baseline.known.join(', ')})`
    : '';
  return `verify: passed${known}: ${summary}`;
}

/** The --baseline file, read and checked before anything runs; a one-line reason when it is not usable. */
export function readBaseline(file: string): Baseline | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `--baseline ${file}: cannot read it: ${code === 'ENOENT' ? 'no such file (write one with --write-baseline FILE)' : (code ?? (error as Error).message)}`;
  }
  try {
    return parseBaseline(text, file);
  } catch (error) {
    if (error instanceof CouldNotRun) return error.message;
    throw error;
  }
}

function writeFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function baselineWritten(file: string, baseline: Baseline): string {
  const n = baseline.failures.length;
  const list = n ? `: ${baseline.failures.map((f) => f.check).join(', ')}` : '';
  return `verify: wrote the baseline ${file} with ${n} known failure${n === 1 ? '' : 's'}${list}; exit 0 (--write-baseline records failures, it does not gate)`;
}

async function startReferenceServer() {
  // Only the CLI may start the server; the kit (conformance/) never imports it.
  const { startServer } = await import('../server/index.ts');
  return startServer({ control: true, clock: 'manual' });
}

/** Runs verify for parsed flags and returns the exit code. */
export async function runVerifyCommand(flags: VerifyFlags, io: VerifyIo): Promise<number> {
  if (flags.listChecks) {
    io.stdout(listChecks());
    return 0;
  }
  const targets = reporterTargets(flags.reporter ?? [], flags.out);
  if (typeof targets === 'string') {
    io.stderr(`verify: could not run: ${targets}\n`);
    return 2;
  }
  if (flags.controlUrl && !flags.control) {
    io.stderr('verify: could not run: --control-url and --no-control contradict each other\n');
    return 2;
  }
  const baseline = flags.baseline !== undefined ? readBaseline(flags.baseline) : undefined;
  if (typeof baseline === 'string') {
    io.stderr(`verify: could not run: ${baseline}\n`);
    return 2;
  }
  // Live progress and the table only for a person at a terminal who asked for no report format.
  const live =
    io.terminal && !flags.reporter?.length
      ? createTerminalProgress(io.terminal, {
          color: io.terminal.color,
          known: baseline?.failures.map((f) => f.check),
          tickMs: io.terminal.tickMs,
        })
      : undefined;
  let server: { url: string; close(): Promise<void> } | undefined;
  try {
    if (!flags.target) {
      try {
        server = await (io.startReference ?? startReferenceServer)();
      } catch (error) {
        io.stderr(
          `verify: could not run: the in-process reference server did not start: ${(error as Error).message}\n`,
        );
        return 2;
      }
    }
    const options: VerifyOptions = {
      target: flags.target ?? server!.url,
      inProcess: !flags.target,
      apiKey: flags.apiKey ?? process.env.SUITERUN_API_KEY ?? DEFAULT_KEYS.main,
      otherApiKey: flags.otherApiKey ?? process.env.SUITERUN_OTHER_API_KEY ?? DEFAULT_KEYS.other,
      revokedApiKey: flags.revokedApiKey ?? process.env.SUITERUN_REVOKED_API_KEY ?? DEFAULT_KEYS.revoked,
      ...(flags.controlUrl ? { controlUrl: flags.controlUrl, controlRequired: true } : {}),
      noControl: !flags.control,
      ...(flags.agentId ? { agentId: flags.agentId } : {}),
      testIds: flags.testId ?? [],
      runs: flags.runs,
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.path !== undefined ? { path: flags.path } : {}),
      only: flags.only ?? [],
      timeoutMs: flags.timeout ?? flags.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
      ...(flags.rate !== undefined ? { rate: flags.rate } : {}),
      reset: Boolean(flags.reset),
      ...(baseline ? { baseline } : {}),
      ...(live ? { onProgress: live.onEvent } : {}),
      ...(flags.har ? { onExchange: (exchange: Exchange) => void recorded.push(exchange) } : {}),
    };
    const recorded: Exchange[] = [];
    const report = await runVerify(options);
    if (flags.har) {
      const keys = {
        main: options.apiKey,
        other: options.otherApiKey ?? undefined,
        revoked: options.revokedApiKey ?? undefined,
      };
      writeFile(flags.har, verifyHar(recorded, keys));
      io.stderr(
        `verify: wrote ${recorded.length} exchanges to ${flags.har} (HAR 1.2, keys masked; judge it with: suiterun-kit audit ${flags.har})\n`,
      );
    }
    live?.stop();
    for (const target of targets) {
      if (target.file) writeFile(target.file, REPORTERS[target.name]!(report));
      else if (!live) io.stdout(REPORTERS[target.name]!(report));
    }
    // At a terminal the failures, the table of groups and the summary take the place of the progress.
    if (live) io.stdout(renderTerminal(report, { color: io.stdoutColor }));
    io.stderr(`${exitLine(report)}\n`);
    if (flags.writeBaseline !== undefined && report.outcome !== 'could-not-run') {
      const written = baselineOf(report.results, baseline);
      writeFile(flags.writeBaseline, serializeBaseline(written));
      io.stderr(`${baselineWritten(flags.writeBaseline, written)}\n`);
      return 0;
    }
    return report.outcome === 'passed' ? 0 : report.outcome === 'failed' ? 1 : 2;
  } finally {
    live?.stop();
    await server?.close();
  }
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      'Check an implementation of the suite-run API against the contract: generated scenarios, a minimal curl repro and --seed/--path replay for every failure. ' +
        'Exit 0: every check passed; 1: a check failed; 2: could not run.',
    )
    .option(
      '--target <url>',
      'base URL of the implementation to verify (default: start the reference server in-process)',
    )
    .option('--api-key <key>', `key of the workspace to act in (default: $SUITERUN_API_KEY or ${DEFAULT_KEYS.main})`)
    .option(
      '--other-api-key <key>',
      `key of a second workspace, for tenancy (default: $SUITERUN_OTHER_API_KEY or ${DEFAULT_KEYS.other})`,
    )
    .option(
      '--revoked-api-key <key>',
      `a key the target must refuse (default: $SUITERUN_REVOKED_API_KEY or ${DEFAULT_KEYS.revoked})`,
    )
    .option(
      '--control-url <url>',
      "the control interface; given explicitly, its absence is an error (default: the target's /_control, if it answers)",
    )
    .option('--no-control', 'black-box profile only: never use a control interface')
    .option('--agent-id <id>', 'an agent of the workspace for Run All (black-box profile)')
    .option(
      '--test-id <id>',
      'a test of the workspace for batch and single runs (repeatable; black-box profile)',
      collect,
    )
    .option('--runs <n>', 'runs per property', wholeNumber(1), DEFAULT_RUNS)
    .option('--seed <n>', 'seed of every property (printed with every failure; random by default)', integer)
    .option(
      '--path <path>',
      'replay one counterexample: the --path printed with a failure (needs --seed and --only CHECK_ID)',
    )
    .option(
      '--only <group-or-check>',
      `run only these groups (${GROUPS.join(', ')}) or check ids (repeatable)`,
      collect,
    )
    .option(
      '--reporter <name>',
      'default, json, junit or html; NAME=FILE writes that report to FILE (repeatable; default: default, with live progress on a terminal)',
      collect,
    )
    .option('--out <file>', 'write the (last) reporter to this file instead of stdout')
    .option(
      '--timeout <ms>',
      `per-request timeout in milliseconds: a request without its whole answer by then fails its check (never retried; default ${DEFAULT_TIMEOUT_MS})`,
      wholeNumber(1),
    )
    .option('--timeout-ms <ms>', 'the older name of --timeout', wholeNumber(1))
    .option(
      '--concurrency <n>',
      `checks in flight at once (checks that need the target to themselves run alone; 1: one after another). Results, progress and replays are the same for any value`,
      wholeNumber(1),
      DEFAULT_CONCURRENCY,
    )
    .option('--rate <r>', 'at most R requests per second across the run, for a shared target (default: no limit)', rate)
    .option('--reset', "reset the target to its fixtures first (POST /_control/reset): drops the target's data")
    .option('--list-checks', 'print the catalogue of checks by group, each with its source clause, and exit')
    .option(
      '--baseline <file>',
      'known failures (JSON, written by --write-baseline): reported as known, they do not fail the run; new failures do',
    )
    .option('--write-baseline <file>', 'write the failing checks of this run to FILE as a baseline and exit 0')
    .option(
      '--har <file>',
      "write all of the run's traffic to FILE as HAR 1.2, keys masked (re-judge it with `suiterun-kit audit FILE`)",
    )
    .action(async (flags: VerifyFlags) => {
      process.exitCode = await runVerifyCommand(flags, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        ...(process.stderr.isTTY
          ? {
              terminal: {
                write: (text: string) => process.stderr.write(text),
                columns: process.stderr.columns,
                color: !process.env.NO_COLOR,
              },
            }
          : {}),
        stdoutColor: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      });
    });
}
