// First gate of `npm run lint:spec`: both documents must be valid OpenAPI 3.1 with every
// $ref resolvable (swagger-parser). Redocly's style rules run after this in the same script.
import SwaggerParser from '@apidevtools/swagger-parser';

const documents = ['spec/openapi.yaml', 'spec/control.openapi.yaml'];
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
if (problems > 0) process.exit(1);
