// Query, headers and body checked against the operation's own schemas from the spec; any
// problem is a 400 validation_failed whose `fields` name the inputs by path.
import type { RequestHandler } from 'express';
import { fieldPath, type SchemaProblem } from '../contract/index.ts';
import { validationFailed } from '../domain/errors.ts';
import { stateOf } from './context.ts';

/** Headers with their own middleware and error code. */
const CHECKED_ELSEWHERE = new Set(['speechify-version', 'authorization']);

export function problemsToFields(problems: readonly SchemaProblem[], toKey: (path: string) => string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const problem of problems) {
    const key = toKey(problem.path) || 'body';
    fields[key] = fields[key] ? `${fields[key]}; ${problem.message}` : problem.message;
  }
  return fields;
}

export const validateRequest: RequestHandler = (req, res, next) => {
  const state = stateOf(res);
  const operation = state.operation!;
  const contract = state.contract!;

  const query = contract.validateQuery(operation.operationId, req.query as Record<string, unknown>);
  if (!query.ok) throw validationFailed(problemsToFields(query.problems, (p) => p), 'The query parameters are invalid.');
  state.query = query.value;

  const headerFields: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'header' || CHECKED_ELSEWHERE.has(parameter.name.toLowerCase())) continue;
    const value = req.headers[parameter.name.toLowerCase()];
    if (value === undefined) continue;
    if (!parameter.validate(value)) headerFields[parameter.name] = (parameter.validate.errors ?? []).map((e) => e.message).join('; ');
  }
  if (Object.keys(headerFields).length) throw validationFailed(headerFields, 'A request header is invalid.');

  if (operation.requestBody) {
    let body: unknown = req.body;
    if (body === undefined) {
      if (operation.requestBody.required) throw validationFailed({ body: 'is required' }, 'A JSON request body is required.');
      body = {};
    }
    const verdict = contract.validateBody(operation.operationId, body);
    if (!verdict.ok) throw validationFailed(problemsToFields(verdict.problems, fieldPath), 'The request body is invalid.');
    state.body = body;
  }
  next();
};
