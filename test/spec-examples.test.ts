// Every example in both specs must validate against the schema it is attached to (ajv, draft
// 2020-12). The examples are found by walking the dereferenced documents, so a new example
// anywhere (media type, parameter, header, schema) is covered without touching this file.
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_SPEC_PATH, PUBLIC_SPEC_PATH } from '../src/contract/index.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
type Node = Record<string, unknown>;

interface ExampleCase {
  /** Where the example sits, e.g. `paths./v1/x.get.responses.200.content.application/json.examples.running`. */
  where: string;
  schema: Node;
  value: unknown;
  /** The Example Object it came from, when it came from an `examples` map. */
  exampleObject?: Node;
}

// Keys whose values are data, not more of the description: never walked into.
const DATA_KEYS = new Set(['example', 'examples', 'enum', 'const', 'default', 'value']);
const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every (example, schema) pair of a dereferenced OpenAPI document. */
function collectExamples(document: unknown): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const seen = new Map<Node, Set<unknown>>();
  const add = (c: ExampleCase) => {
    // One example object attached to one schema is one case, however many paths reach it.
    const key = isObject(c.value) || Array.isArray(c.value) ? c.value : JSON.stringify(c.value);
    const forSchema = seen.get(c.schema) ?? new Set<unknown>();
    seen.set(c.schema, forSchema);
    if (forSchema.has(key)) return;
    forSchema.add(key);
    cases.push(c);
  };
  const ancestors = new Set<unknown>();

  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, `${where}[${i}]`);
      });
      return;
    }
    if (!isObject(node) || ancestors.has(node)) return;
    ancestors.add(node);
    const schema = node.schema;
    if (isObject(schema)) {
      // A media type, parameter or header: `example`, or `examples` as a map of Example Objects.
      if ('example' in node) add({ where: `${where}.example`, schema, value: node.example });
      if (isObject(node.examples)) {
        for (const [name, example] of Object.entries(node.examples)) {
          if (isObject(example) && 'value' in example)
            add({ where: `${where}.examples.${name}`, schema, value: example.value, exampleObject: example });
        }
      }
    } else {
      // A schema: `examples` as an array of values (2020-12), or the older single `example`.
      if (Array.isArray(node.examples)) {
        node.examples.forEach((value, i) => {
          add({ where: `${where}.examples[${i}]`, schema: node, value });
        });
      }
      if ('example' in node) add({ where: `${where}.example`, schema: node, value: node.example });
    }
    for (const [key, child] of Object.entries(node))
      if (!DATA_KEYS.has(key)) walk(child, where ? `${where}.${key}` : key);
    ancestors.delete(node);
  };
  walk(document, '');
  return cases;
}

function createValidator(): (schema: Node, value: unknown) => string | undefined {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const compiled = new Map<Node, ValidateFunction>();
  return (schema, value) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schema, validate);
    }
    if (validate(value)) return undefined;
    return ajv.errorsText(validate.errors, { dataVar: 'example' });
  };
}

/** The failures, each naming the example and what is wrong with it. */
function failingExamples(cases: ExampleCase[]): string[] {
  const check = createValidator();
  return cases.flatMap((c) => {
    const problem = check(c.schema, c.value);
    return problem ? [`${c.where}: ${problem}`] : [];
  });
}

const SPECS = { 'spec/openapi.yaml': PUBLIC_SPEC_PATH, 'spec/control.openapi.yaml': CONTROL_SPEC_PATH };
const documents: Record<string, Node> = {};

beforeAll(async () => {
  for (const [name, path] of Object.entries(SPECS))
    documents[name] = (await SwaggerParser.dereference(path)) as unknown as Node;
});

describe.each(Object.keys(SPECS))('examples of %s', (name) => {
  it('every example validates against the schema it is attached to', () => {
    const cases = collectExamples(documents[name]);
    console.log(`${name}: ${cases.length} examples checked`);
    expect(cases.length).toBeGreaterThan(0);
    expect(failingExamples(cases)).toEqual([]);
  });

  it('every JSON response documents at least one example', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(documents[name]!.paths as Record<string, Node>)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!isObject(operation) || !isObject(operation.responses)) continue;
        for (const [status, response] of Object.entries(operation.responses as Record<string, Node>)) {
          const media = (response.content as Record<string, Node> | undefined)?.['application/json'];
          if (media && !media.example && !(isObject(media.examples) && Object.keys(media.examples).length > 0)) {
            missing.push(`${method.toUpperCase()} ${path} ${status}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('examples of spec/openapi.yaml', () => {
  it('every named component example is used where a schema checks it', () => {
    const document = documents['spec/openapi.yaml']!;
    const used = new Set(collectExamples(document).map((c) => c.exampleObject));
    const components = (document.components as Node).examples as Record<string, Node>;
    const unused = Object.entries(components)
      .filter(([, example]) => !used.has(example))
      .map(([exampleName]) => exampleName);
    expect(Object.keys(components).length).toBeGreaterThan(0);
    expect(unused).toEqual([]);
  });

  it('checks the parameter examples too (Speechify-Version)', () => {
    const cases = collectExamples(documents['spec/openapi.yaml']);
    expect(cases.some((c) => c.value === '2026-11-01')).toBe(true);
  });
});

describe('the example check itself', () => {
  const tiny = {
    paths: {
      '/x': {
        get: {
          parameters: [{ name: 'n', in: 'query', schema: { type: 'integer', examples: [3, 'three'] } }],
          responses: {
            '200': {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id'],
                    properties: { id: { type: 'string', pattern: '^srun_' } },
                  },
                  examples: {
                    good: { value: { id: 'srun_1' } },
                    bad: { value: { id: 'run_1' } },
                    missing: { value: {} },
                  },
                },
              },
            },
          },
        },
      },
    },
  };

  it('finds media-type and schema examples and names each failure', () => {
    const cases = collectExamples(tiny);
    expect(cases).toHaveLength(5);
    const failures = failingExamples(cases);
    expect(failures).toHaveLength(3);
    expect(failures.join('\n')).toContain('examples.bad');
    expect(failures.join('\n')).toContain('examples.missing');
    expect(failures.join('\n')).toContain('parameters[0].schema.examples[1]');
  });
});
