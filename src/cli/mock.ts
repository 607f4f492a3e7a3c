// `suiterun-kit mock`: the plain, stateless mock (Prism behind the front of src/mock) on a port,
// with a banner naming the keys and a curl line that works as printed.
import type { Command } from 'commander';
import { port } from './arguments.ts';
import { startMock } from '../mock/index.ts';
import { BUNDLED_FIXTURES_DIR, loadFixtures, type FixtureSet } from '../store/fixtures.ts';

const EXAMPLE_SUITE = '/v1/agents/tests/suite-runs/srun_01M6DV75802M85PKDPH32A4F0R';

interface MockFlags {
  port: number;
  host: string;
  fixtures?: string;
  dynamic: boolean;
  seed: string;
  verbose: boolean;
}

export function startBanner(url: string, fixtures: FixtureSet, flags: MockFlags): string {
  const keys = fixtures.workspaces.flatMap((w) => w.keys);
  const valid = keys.filter((k) => !k.revoked).map((k) => k.key);
  const revoked = keys.filter((k) => k.revoked).map((k) => k.key);
  const data = flags.dynamic ? `dynamic data, seed ${flags.seed}` : 'static examples';
  return [
    `Prism mock of spec/openapi.yaml on ${url} (${data}; stateless: any well-formed id answers an example)`,
    `  API keys: ${valid.join(', ')}${revoked.length ? ` (refused with 401: ${revoked.join(', ')})` : ''}`,
    `Try: curl -H 'Authorization: Bearer ${valid[0] ?? 'sk_...'}' -H 'Prefer: example=cancelled' ${url}${EXAMPLE_SUITE}`,
  ].join('\n');
}

export function registerMock(program: Command): void {
  program
    .command('mock')
    .description(
      "Serve the spec's examples with Prism: a stateless mock that keeps the wire basics (use `serve` for one that remembers state)",
    )
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 4011)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--fixtures <dir>', 'directory whose workspaces.json holds the API keys (default: the bundled fixtures/)')
    .option('--dynamic', 'generate data from the schemas instead of serving the named examples', false)
    .option('--seed <seed>', 'seed for --dynamic data: the same seed gives the same answers', '1')
    .option('--verbose', "print Prism's own log lines", false)
    .addHelpText(
      'after',
      `
Choose an answer per request with the Prefer header:
  Prefer: code=404              the documented 404 (the error envelope)
  Prefer: example=cancelled     a named example (running, all_pending, cancelled, completed_passed, ...)
Like the real API, and unlike Prism alone: the fixtures' keys are required (Bearer in any case;
a revoked or unknown key is 401), every answer has its own Speechify-Request-Id, a malformed
Speechify-Version is 400 invalid_api_version, unknown routes and malformed ids are 404, and every
error is the contract's envelope. It remembers nothing: a cancel answers an example and changes
nothing, and any well-formed id reads back an example (use \`serve\` to see state change).
Example:
  curl -H 'Authorization: Bearer sk_test_alpha' -H 'Prefer: example=cancelled' \\
    http://127.0.0.1:4011${EXAMPLE_SUITE}`,
    )
    .action(async (flags: MockFlags) => {
      const fixturesDir = flags.fixtures ?? BUNDLED_FIXTURES_DIR;
      const mock = await startMock({
        port: flags.port,
        host: flags.host,
        fixturesDir,
        dynamic: flags.dynamic,
        seed: flags.seed,
        ...(flags.verbose ? { onLog: (line: string) => console.error(line) } : {}),
      });
      console.log(startBanner(mock.url, loadFixtures(fixturesDir), flags));
      const shutdown = (): void => void mock.close().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
