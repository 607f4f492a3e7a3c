// The plain, stateless mock: Prism (pinned in package.json) serving the spec's examples, behind
// a thin front that keeps the contract's wire basics (request ids, auth with the fixtures' keys,
// Speechify-Version, 404/405 for unknown routes and malformed ids, errors as the envelope).
// It remembers nothing, which is what a UI state gallery wants; `serve` is the stateful one.
import { loadContract, PUBLIC_SPEC_PATH } from '../contract/index.ts';
import { createKeyring } from '../store/keyring.ts';
import { BUNDLED_FIXTURES_DIR, loadFixtures } from '../store/fixtures.ts';
import { startFront } from './front.ts';
import { startPrism } from './prism.ts';

export interface MockOptions {
  host?: string;
  port?: number;
  /** Generate data from the schemas instead of serving the named examples. */
  dynamic?: boolean;
  /** Seed for dynamic data, so that the same request gets the same answer on every start. */
  seed?: string;
  specPath?: string;
  /** Where the API keys come from (workspaces.json): the bundled fixtures unless given. */
  fixturesDir?: string;
  /** Called with each line Prism logs (it is noisy; the CLI forwards them only with --verbose). */
  onLog?: (line: string) => void;
}

export interface RunningMock {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const specPath = options.specPath ?? PUBLIC_SPEC_PATH;
  const contract = await loadContract(specPath);
  const keyring = createKeyring(loadFixtures(options.fixturesDir ?? BUNDLED_FIXTURES_DIR).workspaces);
  const prism = await startPrism({ specPath, ...pick(options, 'dynamic', 'seed', 'onLog') });
  const envelope = contract.schema('Error');
  try {
    const host = options.host ?? '127.0.0.1';
    const front = await startFront({
      host,
      port: options.port ?? 4011,
      prismPort: prism.port,
      keyring,
      routes: contract,
      isEnvelope: (body) => envelope(body),
    });
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${front.port}`,
      port: front.port,
      close: async () => {
        await front.close();
        await prism.close();
      },
    };
  } catch (error) {
    await prism.close();
    throw error;
  }
}

function pick<T extends object, K extends keyof T>(value: T, ...keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
