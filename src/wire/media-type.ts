// The JSON media-type rule of request bodies: application/json or any `+json` type, parameters allowed.
/** The Content-Type of every JSON answer, from the server, the MSW handlers and the mock. */
export const JSON_TYPE = 'application/json; charset=utf-8';

/** application/json, with or without parameters, or any `+json` type. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
}
