// The spec as a run-time object, read from the YAML files (node only). The contract itself is
// built by compile.ts from the dereferenced document, which a browser can do too.
import SwaggerParser from '@apidevtools/swagger-parser';
import { cachedSpec } from '../build-cache.ts';
import { packageFile } from '../package-root.ts';
import { createContract, type Contract, type ContractDocument } from './compile.ts';

export * from './compile.ts';

export const PUBLIC_SPEC_PATH = packageFile('spec/openapi.yaml');
export const CONTROL_SPEC_PATH = packageFile('spec/control.openapi.yaml');

export async function loadContract(specPath: string = PUBLIC_SPEC_PATH): Promise<Contract> {
  // The build's parse of the YAML when it is of these very bytes (parsing it was ~15% of the start).
  const parsed = cachedSpec(specPath);
  const document = await (parsed ? SwaggerParser.dereference(specPath, parsed as never, {}) : SwaggerParser.dereference(specPath));
  return createContract(document as unknown as ContractDocument);
}
