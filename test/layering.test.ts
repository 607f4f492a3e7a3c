// Who may import whom between the server, the mock and the wire format they share. src/wire is
// neither server nor mock: it imports none of them, no store, no domain, and nothing a browser
// lacks (the MSW handlers bundle it; test/msw-browser.test.ts checks the whole bundle). The Prism
// mock answers the same wire format without borrowing the reference server's code or domain.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breaches, breachesUnder, type ImportRule, isNodeBuiltin } from './support/imports.ts';

const ROOT = resolve(import.meta.dirname, '..');

const isExpress = (spec: string) => spec === 'express' || spec.startsWith('express/');

const WIRE: ImportRule = {
  paths: ['src/server', 'src/store', 'src/domain', 'src/mock', 'src/msw'],
  packages: (spec) => isExpress(spec) || isNodeBuiltin(spec),
};
const MOCK: ImportRule = { paths: ['src/server', 'src/domain'] };

describe('layering of src/wire, src/mock and src/server', () => {
  it('finds the imports it must police (so the scans below can fail)', () => {
    const wireFile = join(ROOT, 'src/wire/sample.ts');
    const wireSample = [
      `import { a } from '../server/http.ts';`,
      `import type { B } from '../store/keyring.ts';`,
      `export * from "../mock/answers.ts";`,
      `const m = await import('../msw/index.ts');`,
      `import express from 'express';`,
      `import { createServer } from 'node:http';`,
      `import { readFileSync } from 'fs';`,
      `import { x } from '../domain/types.ts';`,
      `import { ApiError } from './errors.ts';`,
      `import { isId } from '../ids/index.ts';`,
      `import { encodeTime } from 'ulid';`,
    ].join('\n');
    expect(breaches(wireFile, wireSample, WIRE).sort()).toEqual(
      [
        '../server/http.ts',
        '../store/keyring.ts',
        '../mock/answers.ts',
        '../msw/index.ts',
        'express',
        'node:http',
        'fs',
        '../domain/types.ts',
      ]
        .map((spec) => `src/wire/sample.ts imports ${spec}`)
        .sort(),
    );
    const mockFile = join(ROOT, 'src/mock/sample.ts');
    const mockSample = `import { routeError } from '../server/routing.ts';\nimport { ApiError } from '../domain/errors.ts';\nimport { ApiError as E } from '../wire/errors.ts';\nimport { createServer } from 'node:http';\nimport { loadFixtures } from '../store/fixtures.ts';`;
    expect(breaches(mockFile, mockSample, MOCK)).toEqual([
      'src/mock/sample.ts imports ../server/routing.ts',
      'src/mock/sample.ts imports ../domain/errors.ts',
    ]);
  });

  it('src/wire imports no server, store, domain, mock or msw code, no express and no node built-in', () => {
    // Its tests run in node and may read the spec; the modules themselves are what a browser bundles.
    expect(breachesUnder('src/wire', WIRE, { include: (file) => !file.endsWith('.test.ts'), moreThan: 3 })).toEqual([]);
  });

  it('src/mock imports nothing from src/server or src/domain (the wire pieces come from src/wire)', () => {
    expect(breachesUnder('src/mock', MOCK, { moreThan: 3 })).toEqual([]);
  });
});
