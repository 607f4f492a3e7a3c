// `npm run build` (and `prepare`, so `npm ci` in a clone and `npm pack` build too): compiles what
// ships (tsconfig.build.json) into a clean dist/, then rewrites the relative `.ts` specifiers
// tsc leaves in the declaration files to `.js`, the files that exist in dist/ (tsc rewrites them
// in the JavaScript only: microsoft/TypeScript#61037), so every tool reading the types finds them.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

export function build(): void {
  rmSync(DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  for (const file of declarationFiles(DIST)) {
    const text = readFileSync(file, 'utf8');
    const rewritten = rewriteDeclarationSpecifiers(text);
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) build();
