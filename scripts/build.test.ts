import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { cachedSpec, fixturesChecked } from '../src/build-cache.ts';
import { CONTROL_SPEC_PATH, PUBLIC_SPEC_PATH } from '../src/contract/index.ts';
import { BUNDLED_FIXTURES_DIR, fixtureTexts } from '../src/store/fixtures.ts';
import { rewriteDeclarationSpecifiers, writeBuildCache } from './build.ts';

describe('declaration files', () => {
  it('name the .js files of dist/ in relative imports, whatever the quotes; package specifiers stay', () => {
    const before = `import type { A } from './a.ts';\nexport * from "../b/c.ts";\ntype T = import('./t.ts').T;\nimport x from 'pkg/file.ts';\n`;
    expect(rewriteDeclarationSpecifiers(before)).toBe(
      `import type { A } from './a.js';\nexport * from "../b/c.js";\ntype T = import('./t.js').T;\nimport x from 'pkg/file.ts';\n`,
    );
  });
});

describe('the build cache', () => {
  let cache: string;
  let scratch: string;
  beforeAll(async () => {
    [cache, scratch] = await Promise.all([
      mkdtemp(join(tmpdir(), 'suiterun-kit-cache-')),
      mkdtemp(join(tmpdir(), 'suiterun-kit-scratch-')),
    ]);
    await writeBuildCache(cache);
  });
  afterAll(() =>
    Promise.all([rm(cache, { recursive: true, force: true }), rm(scratch, { recursive: true, force: true })]),
  );

  it('gives each spec dereferenced, while the file is byte for byte the one it was made from', async () => {
    for (const spec of [PUBLIC_SPEC_PATH, CONTROL_SPEC_PATH]) {
      const text = await readFile(spec, 'utf8');
      const dereferenced = JSON.parse(JSON.stringify(await SwaggerParser.dereference(spec)));
      expect(cachedSpec(spec, cache)).toEqual(dereferenced);
      const copy = join(scratch, spec.endsWith('control.openapi.yaml') ? 'control.openapi.yaml' : 'openapi.yaml');
      await writeFile(copy, text);
      expect(cachedSpec(copy, cache)).toEqual(dereferenced);
      await writeFile(copy, `${text}# edited\n`);
      expect(cachedSpec(copy, cache)).toBeUndefined();
    }
  });

  it('vouches for the bundled fixtures, and for nothing that differs from them by a byte', async () => {
    const read = (name: string) => readFile(join(BUNDLED_FIXTURES_DIR, name), 'utf8');
    const texts = {
      workspaces: await read('workspaces.json'),
      suiteRuns: await read('suite-runs.json'),
      testRuns: await read('test-runs.json'),
    };
    expect(fixturesChecked(fixtureTexts(texts), cache)).toBe(true);
    expect(fixturesChecked(fixtureTexts({ ...texts, testRuns: texts.testRuns.replace('"', "'") }), cache)).toBe(false);
    expect(fixturesChecked(fixtureTexts(texts), scratch)).toBe(false);
  });
});
