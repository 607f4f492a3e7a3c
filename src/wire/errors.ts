// Every error the contract answers, as templates, and ApiError, the error thrown or returned to answer one.
import type { components } from '../generated/openapi.ts';

export type ErrorCode = components['schemas']['ErrorCode'];

export interface ErrorTemplate {
  code: ErrorCode;
  status: number;
  message: string;
  /** Headers every answer of this error carries (a 401's WWW-Authenticate challenge). */
  headers?: Record<string, string>;
}

/** An error template: the code, its status, the default message and any headers of its own. */
function template(code: ErrorCode, status: number, message: string, headers?: Record<string, string>): ErrorTemplate {
  return { code, status, message, ...(headers ? { headers } : {}) };
}

export const UNAUTHORIZED = template(
  'unauthorized',
  401,
  'A valid API key is required: send Authorization: Bearer sk_...',
  { 'WWW-Authenticate': 'Bearer' },
);
export const NOT_FOUND = template('not_found', 404, 'No such resource exists in this workspace.');
export const AGENT_NOT_FOUND = template('agent_not_found', 404, 'No agent with this id exists in this workspace.');
export const AGENT_TEST_NOT_FOUND = template(
  'agent_test_not_found',
  404,
  'No test with this id exists in this workspace.',
);
const VALIDATION_FAILED = template('validation_failed', 400, 'The request is invalid.');
export const BAD_REQUEST = template('bad_request', 400, 'The request cannot be processed.');
export const INVALID_API_VERSION = template(
  'invalid_api_version',
  400,
  'Speechify-Version must be a calendar date, YYYY-MM-DD.',
);
export const CONFLICT = template('conflict', 409, 'The resource is not in a state that allows this request.');
export const IDEMPOTENCY_CONFLICT = template(
  'idempotency_conflict',
  409,
  'This Idempotency-Key was used with a different request.',
);
export const METHOD_NOT_ALLOWED = template('method_not_allowed', 405, 'This method is not allowed on this path.');
export const PAYLOAD_TOO_LARGE = template('payload_too_large', 413, 'The request body is larger than 1 MB.');
export const UNSUPPORTED_MEDIA_TYPE = template(
  'unsupported_media_type',
  415,
  'The request body must be JSON (Content-Type: application/json).',
);
export const INTERNAL_ERROR = template('internal_error', 500, 'Something went wrong on our side.');
/** Every template the contract answers, in the order that makes the first of a status its default. */
export const CONTRACT_ERRORS: readonly ErrorTemplate[] = [
  UNAUTHORIZED,
  NOT_FOUND,
  AGENT_NOT_FOUND,
  AGENT_TEST_NOT_FOUND,
  BAD_REQUEST,
  VALIDATION_FAILED,
  INVALID_API_VERSION,
  CONFLICT,
  IDEMPOTENCY_CONFLICT,
  METHOD_NOT_ALLOWED,
  PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE,
  INTERNAL_ERROR,
];

export class ApiError extends Error {
  readonly template: ErrorTemplate;
  readonly fields: Record<string, string> | undefined;
  readonly headers: Record<string, string>;

  constructor(
    from: ErrorTemplate,
    options: { message?: string; fields?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(options.message ?? from.message);
    this.name = 'ApiError';
    this.template = from;
    this.fields = options.fields;
    this.headers = { ...from.headers, ...options.headers };
  }

  get status(): number {
    return this.template.status;
  }

  get code(): ErrorCode {
    return this.template.code;
  }
}

/** A 400 validation_failed naming each bad input by its path (`entries[2].test_id`). */
export function validationFailed(fields: Record<string, string>, message = VALIDATION_FAILED.message): ApiError {
  return new ApiError(VALIDATION_FAILED, { message, fields });
}
