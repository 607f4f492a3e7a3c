// The spec as a run-time object: operations found by method and path, and ajv validators
// compiled from the spec's own schemas. The server validates requests with it and the
// conformance kit validates answers with it, so neither restates a schema by hand.
// Built from a dereferenced document (index.ts reads the YAML; src/msw imports the JSON that
// `npm run generate` writes), with no node built-ins.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createRouteTable, type Resolution } from './routes.ts';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

type Schema = Record<string, unknown>;

interface ParameterInfo {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  validate: ValidateFunction;
}

export interface OperationInfo {
  operationId: string;
  method: HttpMethod;
  /** The path template as written in the spec, e.g. `/v1/agents/tests/suite-runs/{suite_run_id}`. */
  path: string;
  parameters: ParameterInfo[];
  requestBody?: { required: boolean; validate: ValidateFunction };
  /** Documented answers by status code ("200", "404", ...) and "default". */
  responses: Map<string, { validate?: ValidateFunction }>;
}

export interface SchemaProblem {
  /** JSON-pointer-like path into the validated value, "" for the root. */
  path: string;
  message: string;
}

type Verdict = { ok: true } | { ok: false; problems: SchemaProblem[] };

export interface Contract {
  operations: OperationInfo[];
  operation(operationId: string): OperationInfo;
  /** What a method and path name: an operation, a known path with another method (405), or nothing (404). */
  resolve(method: string, path: string): Resolution;
  /** The operation a method and path name, if any (`resolve` without the 405 detail). */
  match(method: string, path: string): { operation: OperationInfo; params: Record<string, string> } | undefined;
  validateBody(operationId: string, body: unknown): Verdict;
  /** Query parameters, converted from text as the spec's types say (`limit` to an integer). */
  validateQuery(operationId: string, query: Record<string, unknown>): Verdict & { value: Record<string, unknown> };
  /** Is this status documented (explicitly, or through `default`) and does the body match its schema? */
  validateResponse(
    operationId: string,
    status: number,
    body: unknown,
  ): Verdict & { documented: 'explicit' | 'default' | false };
  /** A named component schema validator, e.g. `AgentTestSuiteRunWithRuns`. */
  schema(name: string): ValidateFunction;
}

function toProblems(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((e) => {
    // Name the property itself: a missing one, or one the schema does not allow.
    const property =
      e.keyword === 'required'
        ? `/${(e.params as { missingProperty: string }).missingProperty}`
        : e.keyword === 'additionalProperties'
          ? `/${(e.params as { additionalProperty: string }).additionalProperty}`
          : '';
    return { path: `${e.instancePath}${property}`, message: e.message ?? e.keyword };
  });
}

function createAjv(): Ajv2020 {
  // strict: false because OpenAPI schemas carry annotations (examples, format: int64) ajv does not own.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/**
 * Defines `target.validate` as the validator of `schema`, compiled on first use. Compiling every
 * schema of a spec took most of the reference server's start-up (about 80 ms), and a server
 * never uses the validators of its answers.
 */
function defineLazyValidator<T extends object>(
  ajv: Ajv2020,
  target: T,
  schema: Schema,
): T & { validate: ValidateFunction } {
  Object.defineProperty(target, 'validate', {
    configurable: true,
    enumerable: true,
    get(): ValidateFunction {
      const validate = ajv.compile(schema);
      Object.defineProperty(target, 'validate', { value: validate, enumerable: true, writable: false });
      return validate;
    },
  });
  return target as T & { validate: ValidateFunction };
}

/** The parts of a dereferenced operation (and of its path item) the contract reads. */
interface SpecParameter {
  name: string;
  in: ParameterInfo['in'];
  required?: boolean;
  schema?: Schema;
}
interface SpecContent {
  content?: Record<string, { schema?: Schema } | undefined>;
}
interface SpecOperation {
  operationId: string;
  parameters?: SpecParameter[];
  requestBody?: SpecContent & { required?: boolean };
  responses?: Record<string, SpecContent | undefined>;
}

/** The spec as an object with every $ref resolved (what SwaggerParser.dereference gives). */
export interface ContractDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
}

/**
 * The contract of a dereferenced spec document. Synchronous and free of node built-ins, so the
 * MSW handlers (src/msw) build it in a browser from the generated JSON document.
 */
export function createContract(document: ContractDocument): Contract {
  const ajv = createAjv();
  const operations: OperationInfo[] = [];

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method] as SpecOperation | undefined;
      if (!op) continue;
      const shared = (item.parameters as SpecParameter[] | undefined) ?? [];
      const parameters: ParameterInfo[] = [...shared, ...(op.parameters ?? [])].map((p) =>
        defineLazyValidator(ajv, { name: p.name, in: p.in, required: Boolean(p.required) }, p.schema ?? {}),
      );
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const responses = new Map<string, { validate?: ValidateFunction }>();
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const schema = response?.content?.['application/json']?.schema;
        responses.set(status, schema ? defineLazyValidator(ajv, {}, schema) : {});
      }
      operations.push({
        operationId: op.operationId,
        method,
        path,
        parameters,
        ...(bodySchema
          ? { requestBody: defineLazyValidator(ajv, { required: Boolean(op.requestBody?.required) }, bodySchema) }
          : {}),
        responses,
      });
    }
  }

  const routes = createRouteTable(operations);
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  const operation = (operationId: string): OperationInfo => {
    const found = byId.get(operationId);
    if (!found) throw new Error(`unknown operationId ${operationId}`);
    return found;
  };
  const schemaCache = new Map<string, ValidateFunction>();

  return {
    operations,
    operation,
    resolve: (method, path) => routes.resolve(method, path),
    match(method, path) {
      const found = routes.resolve(method, path);
      return found.kind === 'operation' ? { operation: found.operation, params: found.params } : undefined;
    },
    validateBody(operationId, body) {
      const validate = operation(operationId).requestBody?.validate;
      if (!validate || validate(body)) return { ok: true };
      return { ok: false, problems: toProblems(validate.errors) };
    },
    validateQuery(operationId, query) {
      const value: Record<string, unknown> = {};
      const problems: SchemaProblem[] = [];
      for (const p of operation(operationId).parameters) {
        if (p.in !== 'query') continue;
        const raw = query[p.name];
        if (raw === undefined) {
          if (p.required) problems.push({ path: p.name, message: 'is required' });
          continue;
        }
        if (Array.isArray(raw)) {
          problems.push({ path: p.name, message: 'must be given once' });
          continue;
        }
        const coerced = coerceScalar(p.validate, raw);
        if (coerced.ok) value[p.name] = coerced.value;
        else problems.push({ path: p.name, message: coerced.message });
      }
      return problems.length ? { ok: false, problems, value } : { ok: true, value };
    },
    validateResponse(operationId, status, body) {
      const responses = operation(operationId).responses;
      const explicit = responses.get(String(status));
      const entry = explicit ?? responses.get('default');
      const documented = explicit ? 'explicit' : entry ? 'default' : false;
      if (!entry)
        return { ok: false, documented, problems: [{ path: '', message: `status ${status} is not documented` }] };
      if (!entry.validate || entry.validate(body)) return { ok: true, documented };
      return { ok: false, documented, problems: toProblems(entry.validate.errors) };
    },
    schema(name) {
      let validate = schemaCache.get(name);
      if (!validate) {
        const schema = document.components?.schemas?.[name];
        if (!schema) throw new Error(`unknown schema ${name}`);
        validate = ajv.compile(schema);
        schemaCache.set(name, validate);
      }
      return validate;
    },
  };
}

/** Query strings are text; a parameter declared `integer` accepts only a plain decimal integer. */
function coerceScalar(
  validate: ValidateFunction,
  raw: unknown,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const schema = validate.schema as Schema;
  let value: unknown = raw;
  if (schema.type === 'integer' && typeof raw === 'string') {
    if (!/^-?[0-9]{1,15}$/.test(raw)) return { ok: false, message: 'must be an integer' };
    value = Number(raw);
  }
  if (!validate(value))
    return {
      ok: false,
      message: toProblems(validate.errors)
        .map((p) => p.message)
        .join('; '),
    };
  return { ok: true, value };
}

/** `/entries/2/test_id` -> `entries[2].test_id`, the form the error envelope's `fields` uses. */
export function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, part) => (/^[0-9]+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}
