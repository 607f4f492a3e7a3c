// Bundles an entry for the browser with vite (rolldown), as a front-end project would, and
// refuses any node built-in on the way: a module that needs one fails the build instead of
// being stubbed (vite would otherwise externalize it with a warning and break at run time).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { isNodeBuiltin } from './imports.ts';

function refuseNodeBuiltins(found: string[]): Plugin {
  return {
    name: 'refuse-node-builtins',
    enforce: 'pre',
    resolveId(id, importer) {
      if (isNodeBuiltin(id)) {
        found.push(`${importer ?? '?'} imports ${id}`);
        this.error(`${importer ?? '?'} imports the node built-in "${id}": the browser build must not need it`);
      }
      return null;
    },
  };
}

export interface BrowserBundle {
  file: string;
  minifiedBytes: number;
  gzipBytes: number;
}

/**
 * Builds `entry` into `outDir/<name>.js` (minified ES module); throws when anything needs a node
 * built-in. `external`: imports left out of the bundle (to measure one part of it).
 */
export async function bundleForBrowser(
  entry: string,
  outDir: string,
  name: string,
  options: { external?: RegExp } = {},
): Promise<BrowserBundle> {
  const found: string[] = [];
  await build({
    configFile: false,
    logLevel: 'silent',
    root: path.dirname(entry),
    plugins: [refuseNodeBuiltins(found)],
    build: {
      outDir,
      emptyOutDir: false,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      rollupOptions: {
        input: { [name]: entry },
        ...(options.external ? { external: options.external } : {}),
        output: { entryFileNames: '[name].js', format: 'es', codeSplitting: false },
      },
    },
  });
  if (found.length) throw new Error(found.join('\n'));
  const file = path.join(outDir, `${name}.js`);
  const bytes = readFileSync(file);
  return { file, minifiedBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}
