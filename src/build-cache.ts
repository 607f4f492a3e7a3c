// What the build works out once so that every start need not: the specs dereferenced (the YAML
// parsed and every $ref resolved by swagger-parser, the document compile.ts builds the contract
// from), and the proof that the bundled fixtures passed their schema. Each entry carries the
// SHA-256 of the files it was made from and is used only while they are byte for byte the same,
// so an edited spec or fixture is dereferenced and checked as if there were no cache (and a clone
// without dist/ simply has none). Dereferencing the spec (loading swagger-parser, parsing the
// YAML) and compiling the fixtures' schema were about a fifth of `serve`'s start-up. Written by
// scripts/build.ts into dist/cache/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packageFile } from './package-root.ts';

export const BUILD_CACHE_DIR = packageFile('dist/cache/');

export function contentHash(texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(`${Buffer.byteLength(text)}:`).update(text);
  return hash.digest('hex');
}

interface CacheEntry<T> {
  sha256: string;
  value: T;
}

function readEntry<T>(dir: string, name: string): CacheEntry<T> | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8')) as CacheEntry<T>;
  } catch {
    return undefined;
  }
}

export const specCacheName = (specPath: string): string => `${basename(specPath)}.json`;
export const FIXTURES_CACHE_NAME = 'fixtures-checked.json';

/** The spec dereferenced (every $ref resolved), from the build's cache, when made from these very bytes. */
export function cachedSpec(specPath: string, dir: string = BUILD_CACHE_DIR): Record<string, unknown> | undefined {
  const entry = readEntry<Record<string, unknown>>(dir, specCacheName(specPath));
  if (!entry) return undefined;
  return entry.sha256 === contentHash([readFileSync(specPath, 'utf8')]) ? entry.value : undefined;
}

/** Whether the build checked these very fixture files (their texts, schema first) against the schema. */
export function fixturesChecked(texts: readonly string[], dir: string = BUILD_CACHE_DIR): boolean {
  return readEntry<true>(dir, FIXTURES_CACHE_NAME)?.sha256 === contentHash(texts);
}
