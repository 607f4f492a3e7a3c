// src/generated/*.contract.json (what the browser build of the MSW handlers validates with) must
// be exactly what `npm run generate` writes from the specs, and route and validate as the
// contract read from the YAML does.
import { describe, expect, it } from 'vitest';
import { committedContent } from '../scripts/generate.ts';
import { CONTRACT_DOCUMENTS, contractDocumentText } from '../scripts/contract-documents.ts';
import { createContract, loadContract, PUBLIC_SPEC_PATH, type ContractDocument } from '../src/contract/index.ts';

const ROOT = new URL('../', import.meta.url);

describe('generated contract documents', () => {
  it.each(CONTRACT_DOCUMENTS.map((d) => [d.output, d.spec]))(
    '%s is up to date with %s (else run npm run generate and commit)',
    async (output, spec) => {
      expect(committedContent(output)).toBe(await contractDocumentText(spec, ROOT));
    },
  );

  it('the JSON-built contract has the same operations, parameters and validation as the YAML one', async () => {
    const fromYaml = await loadContract(PUBLIC_SPEC_PATH);
    const fromJson = createContract(
      JSON.parse(committedContent('src/generated/openapi.contract.json')!) as ContractDocument,
    );
    const shape = (c: typeof fromYaml) =>
      c.operations.map((o) => ({
        id: o.operationId,
        method: o.method,
        path: o.path,
        parameters: o.parameters.map((p) => [p.name, p.in, p.required]),
        body: o.requestBody?.required,
        responses: [...o.responses.keys()],
      }));
    expect(shape(fromJson)).toEqual(shape(fromYaml));
    const bodies = [
      { entries: [] },
      { entries: [{ test_id: 'test_01M6B1YQ00AAAAAAAAAAAAAAAA' }] },
      { entries: [{ test_id: 'nope' }] },
      { config_override: 3 },
      'text',
    ];
    for (const body of bodies) {
      for (const id of ['runTestsBatch', 'runAllTests', 'runTest'])
        expect(fromJson.validateBody(id, body)).toEqual(fromYaml.validateBody(id, body));
    }
    for (const query of [{ limit: '0' }, { limit: '200' }, { limit: 'x' }, { cursor: 'abc', agent_id: 'a' }]) {
      expect(fromJson.validateQuery('listSuiteRuns', query)).toEqual(fromYaml.validateQuery('listSuiteRuns', query));
    }
  });
});
