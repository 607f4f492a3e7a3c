// Wire compatibility of our spec with the provider's reference document: a pure function of the
// two dereferenced documents. A real client of the provider must keep working against us, so
// ours may add optional fields, examples, descriptions, patterns, bounds and responses, but never
// remove or tighten: same paths, methods, field names, types, required lists, nullability and
// enums, every documented status kept. `tsx scripts/wire-compat.ts [ours] [reference]` prints the
// problems; test/spec-wire-compat.test.ts runs it as a gate.
import { pathToFileURL } from 'node:url';

type Node = Record<string, unknown>;
type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

export type WireRule =
  | 'operation-unknown'
  | 'operation-moved'
  | 'not-bearer'
  | 'status-missing'
  | 'media-type-missing'
  | 'parameter-missing'
  | 'parameter-added-required'
  | 'parameter-required-changed'
  | 'request-body-missing'
  | 'request-body-required-changed'
  | 'field-missing'
  | 'required-changed'
  | 'type-changed'
  | 'nullability-changed'
  | 'format-changed'
  | 'enum-narrowed'
  | 'enum-widened'
  | 'enum-added';

export interface WireProblem {
  /** The operationId, or `schema <Name>` for a component schema. */
  scope: string;
  /** Where inside the scope, e.g. `200 application/json .runs[].verdict`. */
  where: string;
  rule: WireRule;
  message: string;
}

export interface WireReport {
  problems: WireProblem[];
  compared: { operations: string[]; schemas: string[]; fields: number };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A schema reduced to what a client depends on. */
interface Shape {
  any: boolean;
  types: Set<JsonType>;
  nullable: boolean;
  format?: string;
  enum?: unknown[];
  properties: Map<string, Node>;
  required: Set<string>;
  items?: Node;
  /** A map's value schema, when the object is a map (`additionalProperties: {schema}`). */
  values?: Node;
}

function emptyShape(): Shape {
  return { any: false, types: new Set(), nullable: false, properties: new Map(), required: new Set() };
}

/**
 * Normalises the ways of writing a type: `type: [string, null]`, `oneOf: [{...}, {type: null}]`,
 * `anyOf`, `allOf`, `enum`/`const` with null, untyped schemas with `properties` or `items`.
 */
export function shapeOf(schema: unknown): Shape {
  const shape = emptyShape();
  if (schema === true || !isObject(schema)) return { ...shape, any: schema === true || schema === undefined };
  const declared = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  for (const t of declared) {
    if (t === 'null') shape.nullable = true;
    else shape.types.add(t as JsonType);
  }
  const values = 'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
  if (values) {
    if (values.includes(null)) shape.nullable = true;
    shape.enum = values.filter((v) => v !== null);
  }
  if (typeof schema.format === 'string') shape.format = schema.format;
  if (isObject(schema.properties))
    for (const [k, v] of Object.entries(schema.properties)) shape.properties.set(k, v as Node);
  if (Array.isArray(schema.required)) for (const r of schema.required) shape.required.add(r as string);
  if (schema.items !== undefined) shape.items = schema.items as Node;
  if (isObject(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0)
    shape.values = schema.additionalProperties;

  const variants = [...((schema.oneOf as unknown[]) ?? []), ...((schema.anyOf as unknown[]) ?? [])].map(shapeOf);
  const nonNull = variants.filter((v) => !(v.nullable && v.types.size === 0 && !v.any && !v.enum));
  if (variants.some((v) => v.nullable)) shape.nullable = true;
  if (nonNull.length > 0) {
    if (nonNull.some((v) => v.any)) shape.any = true;
    if (declared.length === 0) for (const v of nonNull) for (const t of v.types) shape.types.add(t);
    mergeInto(shape, nonNull, 'union');
  }
  const parts = ((schema.allOf as unknown[]) ?? []).map(shapeOf);
  if (parts.length > 0) {
    if (declared.length === 0) for (const p of parts) for (const t of p.types) shape.types.add(t);
    if (parts.every((p) => p.nullable) && declared.length === 0) shape.nullable = true;
    mergeInto(shape, parts, 'intersection');
  }
  if (shape.types.size === 0 && !shape.enum) {
    if (shape.properties.size > 0 || shape.values) shape.types.add('object');
    else if (shape.items) shape.types.add('array');
    else if (declared.length === 0 && variants.length === 0 && parts.length === 0) shape.any = true;
  }
  if (shape.enum && shape.types.size === 0) for (const v of shape.enum) shape.types.add(jsonTypeOf(v));
  return shape;
}

function jsonTypeOf(value: unknown): JsonType {
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value as JsonType;
}

/**
 * `union` (oneOf/anyOf): a field is required only if every variant requires it. `intersection` (allOf): if
 * any part does.
 */
function mergeInto(shape: Shape, parts: Shape[], mode: 'union' | 'intersection'): void {
  for (const part of parts) {
    for (const [k, v] of part.properties) if (!shape.properties.has(k)) shape.properties.set(k, v);
    shape.items ??= part.items;
    shape.values ??= part.values;
    shape.format ??= part.format;
    if (part.enum) shape.enum = [...(shape.enum ?? []), ...part.enum];
  }
  const required =
    mode === 'intersection'
      ? parts.flatMap((p) => [...p.required])
      : [...(parts[0]?.required ?? [])].filter((r) => parts.every((p) => p.required.has(r)));
  for (const r of required) shape.required.add(r);
}

const describeTypes = (s: Shape): string => (s.any ? 'any' : [...s.types].sort().join('|') || 'none');
const describeValue = (v: unknown): string => JSON.stringify(v);

interface Context {
  problems: WireProblem[];
  fields: number;
  /** Pairs already compared (ours -> reference schemas), so shared and recursive schemas are compared once. */
  done: WeakMap<object, WeakSet<object>>;
}

function report(ctx: Context, scope: string, where: string, rule: WireRule, message: string): void {
  ctx.problems.push({ scope, where, rule, message });
}

/** Compares one schema of ours with the reference's at the same place, recursing into properties and items. */
export function compareSchemas(ctx: Context, scope: string, where: string, ours: unknown, reference: unknown): void {
  if (isObject(ours) && isObject(reference)) {
    const seen = ctx.done.get(ours) ?? new WeakSet<object>();
    ctx.done.set(ours, seen);
    if (seen.has(reference)) return;
    seen.add(reference);
  }
  ctx.fields += 1;
  const o = shapeOf(ours);
  const r = shapeOf(reference);
  const at = where || '(root)';
  if (describeTypes(o) !== describeTypes(r)) {
    report(ctx, scope, at, 'type-changed', `type is ${describeTypes(o)} in ours, ${describeTypes(r)} in the reference`);
  }
  if (o.nullable !== r.nullable) {
    report(
      ctx,
      scope,
      at,
      'nullability-changed',
      `${o.nullable ? 'nullable' : 'not nullable'} in ours, ${r.nullable ? 'nullable' : 'not nullable'} in the reference`,
    );
  }
  if (r.format !== undefined && o.format !== r.format) {
    report(ctx, scope, at, 'format-changed', `format is ${o.format ?? 'absent'} in ours, ${r.format} in the reference`);
  }
  compareEnums(ctx, scope, at, o, r);
  for (const [name, refProperty] of r.properties) {
    const ourProperty = o.properties.get(name);
    if (ourProperty === undefined)
      report(ctx, scope, `${where}.${name}`, 'field-missing', `field "${name}" is missing from ours`);
    else compareSchemas(ctx, scope, `${where}.${name}`, ourProperty, refProperty);
  }
  for (const name of o.required)
    if (!r.required.has(name))
      report(ctx, scope, at, 'required-changed', `"${name}" is required in ours, optional in the reference`);
  for (const name of r.required)
    if (!o.required.has(name))
      report(ctx, scope, at, 'required-changed', `"${name}" is required in the reference, optional in ours`);
  if (r.items !== undefined) compareSchemas(ctx, scope, `${where}[]`, o.items, r.items);
  if (r.values !== undefined) compareSchemas(ctx, scope, `${where}.*`, o.values, r.values);
}

function compareEnums(ctx: Context, scope: string, at: string, o: Shape, r: Shape): void {
  if (!r.enum) {
    if (o.enum)
      report(
        ctx,
        scope,
        at,
        'enum-added',
        `ours restricts to ${o.enum.map(describeValue).join(', ')}; the reference allows any value`,
      );
    return;
  }
  const ours = new Set((o.enum ?? []).map(describeValue));
  const theirs = new Set(r.enum.map(describeValue));
  const dropped = [...theirs].filter((v) => !ours.has(v));
  const added = [...ours].filter((v) => !theirs.has(v));
  if (!o.enum) {
    report(
      ctx,
      scope,
      at,
      'enum-widened',
      `ours allows any value; the reference only ${r.enum.map(describeValue).join(', ')}`,
    );
    return;
  }
  if (dropped.length > 0) report(ctx, scope, at, 'enum-narrowed', `ours lacks ${dropped.join(', ')}`);
  if (added.length > 0) report(ctx, scope, at, 'enum-widened', `ours adds ${added.join(', ')}`);
}

interface OperationEntry {
  path: string;
  method: string;
  operation: Node;
  /** The path item, for parameters declared on the path. */
  item: Node;
}

function operationsOf(document: Node): Map<string, OperationEntry> {
  const found = new Map<string, OperationEntry>();
  for (const [path, item] of Object.entries((document.paths as Record<string, Node>) ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (isObject(operation) && typeof operation.operationId === 'string')
        found.set(operation.operationId, { path, method, operation, item });
    }
  }
  return found;
}

function parameterKey(p: Node): string {
  const name = String(p.name);
  return `${String(p.in)} ${p.in === 'header' ? name.toLowerCase() : name}`;
}

function parametersOf(item: Node, operation: Node): Map<string, Node> {
  const all = [...((item.parameters as Node[]) ?? []), ...((operation.parameters as Node[]) ?? [])];
  return new Map(all.map((p) => [parameterKey(p), p]));
}

/** True when every way to authenticate this operation includes an HTTP bearer scheme. */
function coveredByBearer(document: Node, operation: Node): boolean {
  const requirements = (operation.security ?? document.security) as Node[] | undefined;
  const schemes = ((document.components as Node | undefined)?.securitySchemes ?? {}) as Record<string, Node>;
  if (!Array.isArray(requirements) || requirements.length === 0) return false;
  return requirements.every((requirement) =>
    Object.keys(requirement).some(
      (name) => schemes[name]?.type === 'http' && String(schemes[name]?.scheme).toLowerCase() === 'bearer',
    ),
  );
}

function compareContent(
  ctx: Context,
  scope: string,
  where: string,
  ours: Node | undefined,
  reference: Node | undefined,
): void {
  for (const [mediaType, refMedia] of Object.entries((reference ?? {}) as Record<string, Node>)) {
    const ourMedia = (ours as Record<string, Node> | undefined)?.[mediaType];
    if (!ourMedia)
      report(ctx, scope, `${where} ${mediaType}`, 'media-type-missing', `ours does not document ${mediaType}`);
    else if (refMedia.schema !== undefined)
      compareSchemas(ctx, scope, `${where} ${mediaType} `, ourMedia.schema, refMedia.schema);
  }
}

function compareOperation(
  ctx: Context,
  ourDocument: Node,
  id: string,
  ours: OperationEntry,
  reference: OperationEntry,
): void {
  if (ours.path !== reference.path || ours.method !== reference.method) {
    report(
      ctx,
      id,
      '',
      'operation-moved',
      `ours is ${ours.method.toUpperCase()} ${ours.path}, the reference ${reference.method.toUpperCase()} ${reference.path}`,
    );
  }
  if (!coveredByBearer(ourDocument, ours.operation))
    report(ctx, id, 'security', 'not-bearer', 'the operation is not covered by an HTTP bearer security scheme');

  const ourParameters = parametersOf(ours.item, ours.operation);
  const refParameters = parametersOf(reference.item, reference.operation);
  refParameters.delete('header authorization'); // ours states auth as the bearer scheme instead
  for (const [key, refParameter] of refParameters) {
    const ourParameter = ourParameters.get(key);
    if (!ourParameter) {
      report(ctx, id, `parameter ${key}`, 'parameter-missing', `parameter ${key} is missing from ours`);
      continue;
    }
    if (Boolean(ourParameter.required) !== Boolean(refParameter.required)) {
      report(
        ctx,
        id,
        `parameter ${key}`,
        'parameter-required-changed',
        `required is ${Boolean(ourParameter.required)} in ours, ${Boolean(refParameter.required)} in the reference`,
      );
    }
    compareSchemas(ctx, id, `parameter ${key} `, ourParameter.schema, refParameter.schema);
  }
  for (const [key, ourParameter] of ourParameters) {
    if (!refParameters.has(key) && key !== 'header authorization' && ourParameter.required) {
      report(ctx, id, `parameter ${key}`, 'parameter-added-required', `ours adds the required parameter ${key}`);
    }
  }

  const ourBody = ours.operation.requestBody as Node | undefined;
  const refBody = reference.operation.requestBody as Node | undefined;
  if (refBody && !ourBody) report(ctx, id, 'request body', 'request-body-missing', 'ours documents no request body');
  if (Boolean(ourBody?.required) !== Boolean(refBody?.required) && (ourBody || refBody)) {
    report(
      ctx,
      id,
      'request body',
      'request-body-required-changed',
      `the body is ${ourBody?.required ? 'required' : 'optional'} in ours, ${refBody?.required ? 'required' : 'optional'} in the reference`,
    );
  }
  if (refBody && ourBody) compareContent(ctx, id, 'request body', ourBody.content as Node, refBody.content as Node);

  const ourResponses = (ours.operation.responses ?? {}) as Record<string, Node>;
  for (const [status, refResponse] of Object.entries((reference.operation.responses ?? {}) as Record<string, Node>)) {
    const ourResponse = ourResponses[status];
    if (!ourResponse) report(ctx, id, status, 'status-missing', `ours does not document status ${status}`);
    else compareContent(ctx, id, status, ourResponse.content as Node, refResponse.content as Node);
  }
}

/**
 * Compares two dereferenced OpenAPI documents: every operation (by operationId) and every component schema
 * they share.
 */
export function compareWire(ours: Node, reference: Node): WireReport {
  const ctx: Context = { problems: [], fields: 0, done: new WeakMap() };
  const ourOperations = operationsOf(ours);
  const refOperations = operationsOf(reference);
  const operations: string[] = [];
  for (const [id, ourOperation] of ourOperations) {
    const refOperation = refOperations.get(id);
    if (!refOperation) {
      report(ctx, id, '', 'operation-unknown', `the reference has no operation ${id}`);
      continue;
    }
    operations.push(id);
    compareOperation(ctx, ours, id, ourOperation, refOperation);
  }
  const ourSchemas = ((ours.components as Node | undefined)?.schemas ?? {}) as Record<string, Node>;
  const refSchemas = ((reference.components as Node | undefined)?.schemas ?? {}) as Record<string, Node>;
  const schemas = Object.keys(ourSchemas).filter((name) => name in refSchemas);
  for (const name of schemas) compareSchemas(ctx, `schema ${name}`, '', ourSchemas[name], refSchemas[name]);
  return { problems: ctx.problems, compared: { operations, schemas, fields: ctx.fields } };
}

export function formatProblem(p: WireProblem): string {
  return `${p.scope} ${p.where}: ${p.rule}: ${p.message}`.replace(/\s+/g, ' ');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  const [oursPath = 'spec/openapi.yaml', referencePath = '../shared/reference/speechify-agent-tests.openapi.json'] =
    process.argv.slice(2);
  const result = compareWire(
    (await SwaggerParser.dereference(oursPath)) as unknown as Node,
    (await SwaggerParser.dereference(referencePath)) as unknown as Node,
  );
  for (const problem of result.problems) console.log(formatProblem(problem));
  console.log(
    `${result.compared.operations.length} operations, ${result.compared.schemas.length} schemas, ${result.compared.fields} schema positions compared: ${result.problems.length} problems`,
  );
  process.exitCode = result.problems.length > 0 ? 1 : 0;
}
