// `npm run generate`: the TypeScript types of both specs, written where redocly.yaml's
// `x-openapi-ts.output` says. The drift test calls the same `generateTypes()`, so "what the
// script writes" and "what the test expects" can never be two different code paths.
// Output is byte-identical to the openapi-typescript CLI's (same header, same printer).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { parse } from 'yaml';
import { CONTRACT_DOCUMENTS, contractDocumentText } from './contract-documents.ts';

const ROOT = new URL('../', import.meta.url);

export interface GeneratedFile {
  api: string;
  spec: string;
  /** Repository-relative path, e.g. `src/generated/openapi.ts`. */
  output: string;
  content: string;
}

interface RedoclyApis {
  apis: Record<string, { root: string; 'x-openapi-ts'?: { output?: string } }>;
}

export function generationTargets(): { api: string; spec: string; output: string }[] {
  const config = parse(readFileSync(new URL('redocly.yaml', ROOT), 'utf8')) as RedoclyApis;
  return Object.entries(config.apis).map(([api, entry]) => {
    const output = entry['x-openapi-ts']?.output;
    if (!output) throw new Error(`redocly.yaml: api "${api}" has no x-openapi-ts.output`);
    return { api, spec: entry.root, output };
  });
}

export async function generateTypes(): Promise<GeneratedFile[]> {
  return Promise.all(
    generationTargets().map(async (target) => {
      const ast = await openapiTS(new URL(target.spec, ROOT), { silent: true });
      return { ...target, content: `${COMMENT_HEADER}${astToString(ast)}` };
    }),
  );
}

export function committedContent(output: string): string | undefined {
  try {
    return readFileSync(new URL(output, ROOT), 'utf8');
  } catch {
    return undefined;
  }
}

async function main(check: boolean): Promise<number> {
  let stale = 0;
  for (const file of await generateTypes()) {
    if (committedContent(file.output) === file.content) {
      console.log(`${file.spec} -> ${file.output}: up to date`);
      continue;
    }
    if (check) {
      stale += 1;
      console.error(`${file.spec} -> ${file.output}: stale, run npm run generate`);
    } else {
      writeFileSync(fileURLToPath(new URL(file.output, ROOT)), file.content, 'utf8');
      console.log(`${file.spec} -> ${file.output}: written`);
    }
  }
  for (const { spec, output } of CONTRACT_DOCUMENTS) {
    const content = await contractDocumentText(spec, ROOT);
    if (committedContent(output) === content) continue;
    if (check) {
      stale += 1;
      console.error(`${spec} -> ${output}: stale, run npm run generate`);
    } else {
      writeFileSync(fileURLToPath(new URL(output, ROOT)), content, 'utf8');
      console.log(`${spec} -> ${output}: written`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.includes('--check'));
}
