import { Command, InvalidArgumentError } from 'commander';
import { startMock } from '../mock/index.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be a port number, 0 to 65535');
  return port;
}

export function registerMock(program: Command): void {
  program
    .command('mock')
    .description('Serve the spec\'s examples with Prism: a stateless mock (use `serve` for one that remembers state)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 4011)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--dynamic', 'generate data from the schemas instead of serving the named examples', false)
    .option('--seed <seed>', 'seed for --dynamic data: the same seed gives the same answers', '1')
    .option('--verbose', 'print Prism\'s own log lines', false)
    .addHelpText(
      'after',
      `
Choose an answer per request with the Prefer header:
  Prefer: code=404              the documented 404 (the error envelope)
  Prefer: example=cancelled     a named example (running, all_pending, cancelled, completed_passed, ...)
Example:
  curl -H 'Authorization: Bearer sk_test_alpha' -H 'Prefer: example=cancelled' \\
    http://127.0.0.1:4011/v1/agents/tests/suite-runs/srun_01M6DV75802M85PKDPH32A4F0R`,
    )
    .action(async (options: { port: number; host: string; dynamic: boolean; seed: string; verbose: boolean }) => {
      const mock = await startMock({
        port: options.port,
        host: options.host,
        dynamic: options.dynamic,
        seed: options.seed,
        ...(options.verbose ? { onLog: (line: string) => console.error(line) } : {}),
      });
      console.log(`Prism mock of spec/openapi.yaml on ${mock.url} (${options.dynamic ? `dynamic data, seed ${options.seed}` : 'static examples'})`);
      console.log(`Try: curl -H 'Authorization: Bearer sk_test_alpha' -H 'Prefer: example=cancelled' ${mock.url}/v1/agents/tests/suite-runs/srun_01M6DV75802M85PKDPH32A4F0R`);
      const shutdown = (): void => void mock.close().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
