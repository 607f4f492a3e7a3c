// The error envelope: the body of every error answer, `{ error: { code, message, fields? }, request_id }`.
import type { ApiError } from './errors.ts';

export function errorEnvelope(error: ApiError, requestId: string) {
  return {
    error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
    request_id: requestId,
  };
}
