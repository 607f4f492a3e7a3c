// The suiterun-kit command line: each subcommand parses its flags, calls a function that
// returns a result, and only here is an exit code decided.
import { Command, CommanderError } from 'commander';
import { registerServe } from './serve.ts';
import { registerVerify } from './verify.ts';
import { registerMock } from './mock.ts';

export function createProgram(): Command {
  const program = new Command('suiterun-kit')
    .description('Contract, stateful reference server and conformance kit for the agent-test suite-run API')
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerVerify(program);
  registerMock(program);
  return program;
}

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version are "errors" with exit code 0 in commander's model; bad flags are 2.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  console.error(`suiterun-kit: ${(error as Error).message}`);
  process.exit(2);
}
