// `npm run build` (and `prepare`, so `npm ci` in a clone and `npm pack` build too): compiles what
// ships (tsconfig.build.json) into a clean dist/, then rewrites the relative `.ts` specifiers
// tsc leaves in the declaration files to `.js`, the files that exist in dist/ (tsc rewrites them
// in the JavaScript only: microsoft/TypeScript#61037), so every tool reading the types finds them.
// Then the command line as one bundle (dist/bin/, esbuild): loading a few hundred modules one
// by one was a third of `serve`'s start from the installed package. Last, dist/cache/: the specs
// dereferenced and the bundled fixtures checked (src/build-cache.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { build as bundle } from 'esbuild';
import { BUILD_CACHE_DIR, contentHash, FIXTURES_CACHE_NAME, specCacheName } from '../src/build-cache.ts';
import { CONTROL_SPEC_PATH, PUBLIC_SPEC_PATH } from '../src/contract/index.ts';
import { BUNDLED_FIXTURES_DIR, fixtureTexts, loadFixtures } from '../src/store/fixtures.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DIST = join(ROOT, 'dist');

/** `from './x.ts'`, `import('../y.ts')`: relative specifiers ending in .ts, quoted either way. */
const RELATIVE_TS = /(['"])(\.\.?\/[^'"\n]*?)\.ts\1/g;

export function rewriteDeclarationSpecifiers(text: string): string {
  return text.replace(RELATIVE_TS, '$1$2.js$1');
}

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? declarationFiles(path) : entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The specs dereferenced, and the bundled fixtures' texts once they have passed the schema check. */
export async function writeBuildCache(dir: string = BUILD_CACHE_DIR): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, texts: string[], value: unknown) =>
    writeFileSync(join(dir, name), JSON.stringify({ sha256: contentHash(texts), value }));
  for (const spec of [PUBLIC_SPEC_PATH, CONTROL_SPEC_PATH]) {
    const text = readFileSync(spec, 'utf8');
    write(specCacheName(spec), [text], await SwaggerParser.dereference(spec));
  }
  rmSync(join(dir, FIXTURES_CACHE_NAME), { force: true });
  loadFixtures(BUNDLED_FIXTURES_DIR); // throws, naming the file and path, unless they pass
  const read = (name: string) => readFileSync(join(BUNDLED_FIXTURES_DIR, name), 'utf8');
  write(
    FIXTURES_CACHE_NAME,
    fixtureTexts({
      workspaces: read('workspaces.json'),
      suiteRuns: read('suite-runs.json'),
      testRuns: read('test-runs.json'),
    }),
    true,
  );
}

export async function build(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  for (const file of declarationFiles(DIST)) {
    const text = readFileSync(file, 'utf8');
    const rewritten = rewriteDeclarationSpecifiers(text);
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
  await bundleCli();
  await writeBuildCache();
}

/**
 * The bin: dist/src/cli/main.js and everything it imports, in one file plus a chunk per
 * subcommand (each still loads only when named), in dist/bin/: at the depth of dist/src/, so the
 * package root is found as from any other module of dist/src. Prism (run as a child process) and
 * swagger-ui-dist (files served from its own folder) stay packages of their own.
 */
export async function bundleCli(): Promise<void> {
  await bundle({
    entryPoints: { 'suiterun-kit': join(DIST, 'src/cli/main.js') },
    outdir: join(DIST, 'bin'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunk-[hash]',
    // Left as packages too: what the serve path never loads (fast-check for verify; swagger-parser
    // only without the build's cache), so the tarball does not carry them twice.
    external: ['@stoplight/*', 'swagger-ui-dist', 'fast-check', '@apidevtools/swagger-parser'],
    // CommonJS dependencies bundled into ESM still call require() for node built-ins.
    banner: {
      js: "import { createRequire as __suiterunRequire } from 'node:module'; const require = __suiterunRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await build();
