// The package as a user gets it: `npm pack` (its `prepare` builds dist/ first), then the tarball
// installed into a fresh project in `work`, outside the repo. One `npm install`, served by the npm
// cache where it can be (--prefer-offline). Used by test/package-consumer.test.ts and the start-up bench.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

export interface PackedFile {
  path: string;
  size: number;
}

export interface PackedInstall {
  /** What `npm pack --json` said: the tarball's name, size and files. */
  packed: { filename: string; size: number; unpackedSize: number; entryCount: number; files: PackedFile[] };
  /** The consumer project (package.json, node_modules). */
  project: string;
  /** The installed package: project/node_modules/suiterun-kit. */
  installed: string;
}

/** npm as a user runs it: without the npm_* variables of an `npm test` or `npm run` this runs under. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') || keep.has(k.toLowerCase())),
  );
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await promisify(execFile)('npm', args, { cwd, env: npmEnv(), maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function packAndInstall(work: string): Promise<PackedInstall> {
  const [packed] = JSON.parse(await npm(['pack', '--json', '--pack-destination', work], ROOT)) as [
    PackedInstall['packed'],
  ];
  const project = join(work, 'project');
  await mkdir(project, { recursive: true });
  const manifest = {
    name: 'consumer',
    private: true,
    type: 'module',
    dependencies: { 'suiterun-kit': `file:../${packed.filename}` },
  };
  await writeFile(join(project, 'package.json'), JSON.stringify(manifest, null, 2));
  await npm(['install', ...NPM_FLAGS], project);
  return { packed, project, installed: join(project, 'node_modules/suiterun-kit') };
}
