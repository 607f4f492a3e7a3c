// Which of the API's own error templates (src/wire/errors.ts) an error answer of Prism's
// becomes when Prism did not answer the envelope itself, and the mock's messages.
import { BAD_REQUEST, CONTRACT_ERRORS, INTERNAL_ERROR, type ErrorTemplate } from '../wire/errors.ts';

/** The codes the contract pairs with a status; undefined for a status the contract never answers. */
export function codesForStatus(status: number): string[] | undefined {
  const codes = CONTRACT_ERRORS.filter((t) => t.status === status).map((t) => t.code);
  return codes.length ? codes : undefined;
}

/**
 * The template an error status of Prism's becomes when Prism named no offending input (with
 * one, answers.ts makes validation_failed with `fields`): the contract's own for the statuses
 * it answers, 400 bad_request for any other 4xx (422 included), internal_error for any 5xx.
 */
export function templateForStatus(status: number): ErrorTemplate {
  const own = CONTRACT_ERRORS.find((t) => t.status === status);
  if (own) return own;
  return status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
}

export const MESSAGES = {
  prismUnreachable: 'The mock engine (Prism) did not answer.',
} as const;
