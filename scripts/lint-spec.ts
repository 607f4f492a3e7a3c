// First gate of `npm run lint:spec`: each document must be valid OpenAPI 3.1 with every $ref
// resolvable (swagger-parser). Redocly's style rules run after this in the same npm script.
// Usage: tsx scripts/lint-spec.ts [spec.yaml ...]   (default: both specs of the project)
import SwaggerParser from '@apidevtools/swagger-parser';

const DEFAULT_DOCUMENTS = ['spec/openapi.yaml', 'spec/control.openapi.yaml'];
const documents = process.argv.slice(2).length > 0 ? process.argv.slice(2) : DEFAULT_DOCUMENTS;
let problems = 0;
for (const path of documents) {
  try {
    await SwaggerParser.validate(path);
    console.log(`${path}: valid OpenAPI (swagger-parser)`);
  } catch (error) {
    problems += 1;
    console.error(`${path}: ${(error as Error).message}`);
  }
}
console.log(
  `swagger-parser: ${problems} problem${problems === 1 ? '' : 's'} in ${documents.length} document${documents.length === 1 ? '' : 's'}`,
);
if (problems > 0) process.exit(1);
