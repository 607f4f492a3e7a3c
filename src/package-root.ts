// Where the package's data files (spec/, fixtures/) are, found from this module's own location:
// it runs as src/package-root.ts in a clone (through tsx) and as dist/src/package-root.js in the
// built or installed package, one directory deeper. The package root is the nearest of the two
// candidates that holds package.json.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE_LAYOUT_ROOT = new URL('../', import.meta.url);
const DIST_LAYOUT_ROOT = new URL('../../', import.meta.url);

const ROOT = existsSync(new URL('package.json', SOURCE_LAYOUT_ROOT)) ? SOURCE_LAYOUT_ROOT : DIST_LAYOUT_ROOT;

/** A file or directory of the package, e.g. `packageFile('spec/openapi.yaml')`. */
export function packageFile(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT));
}
