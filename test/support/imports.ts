// Reading a source tree's imports without a bundler: the files under a folder, the module
// specifiers each names (static imports, re-exports, dynamic import(), require()), and the
// imports a layering rule forbids.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { expect } from 'vitest';

/** The repository's root: the paths of an ImportRule, and the paths breaches name, are relative to it. */
const ROOT = resolve(import.meta.dirname, '../..');

/** Every file under `dir`, whatever its kind. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function tsFiles(dir: string): string[] {
  return filesUnder(dir).filter((path) => path.endsWith('.ts'));
}

/** Every module specifier of a file: static imports, re-exports and dynamic import(). */
export function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]!);
  return found;
}

const BUILTINS = new Set(builtinModules);

/** A node built-in: `node:` anything, or a bare name (or subpath, `fs/promises`) of one. */
export const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]!);

export interface ImportRule {
  /** Source folders or files (relative to the root) that may not be imported: a relative import
   *  of one of them, or of anything under it, breaks the rule. */
  paths: string[];
  /** Packages (bare specifiers) that may not be imported (default: none). */
  packages?: (specifier: string) => boolean;
}

const rootPath = (path: string) => relative(ROOT, path).replace(/\\/g, '/');

/** `file imports spec` (file relative to the root) for each import of `source`, a file at `file`, that `rule` forbids. */
export function breaches(file: string, source: string, rule: ImportRule): string[] {
  const found: string[] = [];
  for (const spec of specifiers(source)) {
    if (spec.startsWith('.')) {
      const target = rootPath(resolve(file, '..', spec));
      if (rule.paths.some((f) => target === f || target.startsWith(`${f}/`)))
        found.push(`${rootPath(file)} imports ${spec}`);
    } else if (rule.packages?.(spec)) {
      found.push(`${rootPath(file)} imports ${spec}`);
    }
  }
  return found;
}

/**
 * The breaches of `rule` in the .ts files under `folder` (relative to the root) that `include`
 * keeps; asserts that more than `moreThan` files were scanned (a scan that sees nothing proves nothing).
 */
export function breachesUnder(
  folder: string,
  rule: ImportRule,
  { include = () => true, moreThan }: { include?: (file: string) => boolean; moreThan: number },
): string[] {
  const files = tsFiles(join(ROOT, folder)).filter(include);
  expect(files.length, folder).toBeGreaterThan(moreThan);
  return files.flatMap((file) => breaches(file, readFileSync(file, 'utf8'), rule));
}
