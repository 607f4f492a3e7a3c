// Query, headers and body checked against the operation's own schemas from the spec; any
// problem is a 400 validation_failed whose `fields` name the inputs by path.
import type { RequestHandler } from 'express';
import { fieldPath, type Contract, type OperationInfo, type SchemaProblem } from '../contract/compile.ts';
import { validationFailed } from '../wire/errors.ts';
import { BODY_ERRORS } from '../wire/json-body.ts';
import { stateOf } from './context.ts';

/** Headers with their own middleware and error code. */
const CHECKED_ELSEWHERE = new Set(['speechify-version', 'authorization']);

function problemsToFields(problems: readonly SchemaProblem[], toKey: (path: string) => string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const problem of problems) {
    const key = toKey(problem.path) || 'body';
    fields[key] = fields[key] ? `${fields[key]}; ${problem.message}` : problem.message;
  }
  return fields;
}

/** What a request brings, however it arrived (Express here, a fetch Request in src/msw). */
export interface RequestInput {
  query: Record<string, unknown>;
  /** A header by its lower-case name. */
  header(name: string): string | string[] | undefined;
  /** The parsed JSON body; undefined when none was sent. */
  body: unknown;
}

/** The query as the spec types it and the body to use, or 400 validation_failed (framework-free). */
export function checkInput(
  contract: Contract,
  operation: OperationInfo,
  input: RequestInput,
): { query: Record<string, unknown>; body: unknown } {
  const query = contract.validateQuery(operation.operationId, input.query);
  if (!query.ok)
    throw validationFailed(
      problemsToFields(query.problems, (p) => p),
      'The query parameters are invalid.',
    );

  const headerFields: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'header' || CHECKED_ELSEWHERE.has(parameter.name.toLowerCase())) continue;
    const value = input.header(parameter.name.toLowerCase());
    if (value === undefined) continue;
    if (!parameter.validate(value))
      headerFields[parameter.name] = (parameter.validate.errors ?? []).map((e) => e.message).join('; ');
  }
  if (Object.keys(headerFields).length) throw validationFailed(headerFields, 'A request header is invalid.');

  let body: unknown;
  if (operation.requestBody) {
    body = input.body;
    if (body === undefined) {
      if (operation.requestBody.required) throw BODY_ERRORS.required();
      body = {};
    }
    const verdict = contract.validateBody(operation.operationId, body);
    if (!verdict.ok)
      throw validationFailed(problemsToFields(verdict.problems, fieldPath), 'The request body is invalid.');
  }
  return { query: query.value, body };
}

export const validateRequest: RequestHandler = (req, res, next) => {
  const state = stateOf(res);
  const checked = checkInput(state.contract!, state.operation!, {
    query: req.query as Record<string, unknown>,
    header: (name) => req.headers[name],
    body: req.body,
  });
  state.query = checked.query;
  if (state.operation!.requestBody) state.body = checked.body;
  next();
};
