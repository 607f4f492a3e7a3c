// The drift gate: the committed src/generated/*.ts must be exactly what `npm run generate`
// makes from the committed specs, or the types the client and the server compile against
// describe another contract than the one the spec states.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { committedContent, generateTypes, generationTargets } from '../scripts/generate.ts';

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i])
      return `line ${i + 1}: committed ${JSON.stringify(left[i])}, regenerated ${JSON.stringify(right[i])}`;
  }
  return 'no line differs';
}

describe('generated types', () => {
  it('npm run generate is the script the drift gate uses', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.generate).toBe('tsx scripts/generate.ts');
  });

  it('both specs have a generated file', () => {
    expect(
      generationTargets()
        .map((t) => t.spec)
        .sort(),
    ).toEqual(['spec/control.openapi.yaml', 'spec/openapi.yaml']);
  });

  it('regenerating from the specs changes nothing in src/generated (else run npm run generate and commit)', async () => {
    const files = await generateTypes();
    for (const file of files) {
      const committed = committedContent(file.output);
      expect(committed, `${file.output} is missing`).toBeDefined();
      expect(
        committed === file.content,
        `${file.output} is stale: ${firstDifference(committed ?? '', file.content)}`,
      ).toBe(true);
    }
  });

  it('the generator does see the spec: the public types name every operation', async () => {
    const [publicFile] = (await generateTypes()).filter((f) => f.api === 'public');
    for (const operationId of [
      'listSuiteRuns',
      'getSuiteRun',
      'cancelSuiteRun',
      'resubmitSuiteRun',
      'runAllTests',
      'runTestsBatch',
      'getTestRun',
      'cancelTestRun',
      'runTest',
      'listTestRuns',
    ]) {
      expect(publicFile!.content).toContain(`${operationId}: {`);
    }
  });
});
