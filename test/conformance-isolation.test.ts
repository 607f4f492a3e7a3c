// The kit's oracle is written from the contract: nothing under conformance/ may import the
// reference server's domain, store or server code (a server bug must not check itself).
import { describe, expect, it } from 'vitest';
import { breachesUnder, type ImportRule, specifiers } from './support/imports.ts';

const FORBIDDEN: ImportRule = { paths: ['src/domain', 'src/store', 'src/server'] };

describe('conformance/ stays independent of the reference server', () => {
  it('finds the import forms it must police (so the scan below can fail)', () => {
    const sample = `import { a } from '../src/domain/x.ts';\nexport * from "../src/store/y.ts";\nconst m = await import('../src/server/index.ts');`;
    expect(specifiers(sample)).toEqual(['../src/domain/x.ts', '../src/store/y.ts', '../src/server/index.ts']);
  });

  it('no file under conformance/ imports src/domain, src/store or src/server', () => {
    expect(breachesUnder('conformance', FORBIDDEN, { moreThan: 20 })).toEqual([]);
  });
});
