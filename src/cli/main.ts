#!/usr/bin/env node
// The suiterun-kit command line: each subcommand parses its flags, calls a function that
// returns a result, and only here is an exit code decided.
import { Command, CommanderError } from 'commander';

/**
 * Each subcommand's module is loaded only when it can be needed. `suiterun-kit serve` loads
 * serve alone: importing verify's module loads the whole conformance kit, ~70 ms of a start-up
 * that is measured against 500 ms (npm run bench -- startup). Anything else (help, an unknown
 * command) registers every subcommand.
 */
const SUBCOMMANDS: Record<string, (program: Command) => Promise<void>> = {
  serve: async (program) => (await import('./serve.ts')).registerServe(program),
  verify: async (program) => (await import('./verify.ts')).registerVerify(program),
  mock: async (program) => (await import('./mock.ts')).registerMock(program),
  proxy: async (program) => (await import('./proxy.ts')).registerProxy(program),
  audit: async (program) => (await import('./audit.ts')).registerAudit(program),
};

export async function createProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command('suiterun-kit')
    .description('Contract, stateful reference server and conformance kit for the agent-test suite-run API')
    .showHelpAfterError()
    .exitOverride();
  const named = argv[2];
  const wanted = named !== undefined && named in SUBCOMMANDS ? [named] : Object.keys(SUBCOMMANDS);
  for (const name of wanted) await SUBCOMMANDS[name]!(program);
  return program;
}

try {
  await (await createProgram()).parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version are "errors" with exit code 0 in commander's model; bad flags are 2.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  console.error(`suiterun-kit: ${(error as Error).message}`);
  process.exit(2);
}
