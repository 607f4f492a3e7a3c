// The spec as a run-time object, read from the YAML files (node only). The contract itself is
// built by compile.ts from the dereferenced document, which a browser can do too.
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createContract, type Contract, type ContractDocument } from './compile.ts';

export * from './compile.ts';

export const PUBLIC_SPEC_PATH = fileURLToPath(new URL('../../spec/openapi.yaml', import.meta.url));
export const CONTROL_SPEC_PATH = fileURLToPath(new URL('../../spec/control.openapi.yaml', import.meta.url));

export async function loadContract(specPath: string = PUBLIC_SPEC_PATH): Promise<Contract> {
  return createContract((await SwaggerParser.dereference(specPath)) as unknown as ContractDocument);
}
