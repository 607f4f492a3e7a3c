// The specs' operations as dereferenced JSON (src/generated/*.contract.json), for code that
// cannot read YAML or resolve $refs at run time: the MSW handlers in a browser build their
// contract (src/contract/compile.ts) from them. Only `paths` is kept, without documentation
// keywords (description, summary, example(s), x-*) and without the answers' schemas (only their
// status codes): a server validates what it receives, never what it sends, and these ~250 KB
// of repeated schemas would go into every browser bundle.
import SwaggerParser from '@apidevtools/swagger-parser';

export const CONTRACT_DOCUMENTS = [
  { spec: 'spec/openapi.yaml', output: 'src/generated/openapi.contract.json' },
  { spec: 'spec/control.openapi.yaml', output: 'src/generated/control.contract.json' },
] as const;

const DOCUMENTATION = new Set(['description', 'summary', 'example', 'examples', 'externalDocs', 'tags', 'deprecated']);
/** Keywords whose value maps names (chosen by the spec's authors) to schemas: those names stay. */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'dependentSchemas',
  'responses',
  'content',
  'headers',
  'paths',
]);

function strip(value: unknown, namesOnly = false): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (!namesOnly && (DOCUMENTATION.has(key) || key.startsWith('x-'))) continue;
    out[key] = namesOnly ? strip(child) : strip(child, NAME_MAPS.has(key));
  }
  return out;
}

/** The JSON text written for `specPath` (repository-relative), stable for the drift test. */
export async function contractDocumentText(specPath: string, root: URL): Promise<string> {
  const document = (await SwaggerParser.dereference(new URL(specPath, root).pathname)) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const paths = strip(document.paths, true) as Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      if (operation.responses)
        operation.responses = Object.fromEntries(Object.keys(operation.responses).map((status) => [status, {}]));
    }
  }
  return `${JSON.stringify({ paths }, null, 1)}\n`;
}
