// The kit's oracle is written from the contract: nothing under conformance/ may import the
// reference server's domain, store or server code (a server bug must not check itself).
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { specifiers, tsFiles } from './support/imports.ts';

const ROOT = resolve(import.meta.dirname, '..');
const KIT = join(ROOT, 'conformance');
const FORBIDDEN = ['src/domain', 'src/store', 'src/server'];

describe('conformance/ stays independent of the reference server', () => {
  it('finds the import forms it must police (so the scan below can fail)', () => {
    const sample = `import { a } from '../src/domain/x.ts';\nexport * from "../src/store/y.ts";\nconst m = await import('../src/server/index.ts');`;
    expect(specifiers(sample)).toEqual(['../src/domain/x.ts', '../src/store/y.ts', '../src/server/index.ts']);
  });

  it('no file under conformance/ imports src/domain, src/store or src/server', () => {
    const files = tsFiles(KIT);
    expect(files.length).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(ROOT, resolve(file, '..', spec)).replace(/\\/g, '/');
        if (FORBIDDEN.some((f) => target === f || target.startsWith(`${f}/`)))
          offenders.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
