// The spec as a run-time object, read from the YAML files (node only). The contract itself is
// built by compile.ts from the dereferenced document, which a browser can do too.
import { cachedSpec } from '../build-cache.ts';
import { packageFile } from '../package-root.ts';
import { createContract, type Contract, type ContractDocument } from './compile.ts';

export * from './compile.ts';

export const PUBLIC_SPEC_PATH = packageFile('spec/openapi.yaml');
export const CONTROL_SPEC_PATH = packageFile('spec/control.openapi.yaml');

export async function loadContract(specPath: string = PUBLIC_SPEC_PATH): Promise<Contract> {
  // The build's dereferenced document when it is of these very bytes: parsing the YAML and
  // loading swagger-parser were about a fifth of the installed package's start-up.
  const cached = cachedSpec(specPath);
  if (cached) return createContract(cached as unknown as ContractDocument);
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  return createContract((await SwaggerParser.dereference(specPath)) as unknown as ContractDocument);
}
