// The package entry: the typed client, the generated contract types with readable aliases, and
// the id helpers. Servers and the conformance kit live behind the CLI, not here.
export { createSuiteRunClient, createControlClient } from './client/index.ts';
export type { SuiteRunClient, SuiteRunClientOptions, ControlClient } from './client/index.ts';
export type * from './client/types.ts';
export type { paths, components, operations } from './generated/openapi.ts';
export type {
  paths as controlPaths,
  components as controlComponents,
  operations as controlOperations,
} from './generated/control.ts';
export {
  ID_PREFIXES,
  CROCKFORD_ALPHABET,
  ID_BODY_LENGTH,
  idPattern,
  isId,
  parseId,
  createIdMinter,
  mintId,
} from './ids/index.ts';
export type { IdPrefix, IdMinter, ParsedId } from './ids/index.ts';
