// Bearer parsing: the API key an Authorization header carries (whether it is valid is the keyring's call).
/** `Bearer <key>`; the scheme word in any case (RFC 7235), exactly one key token. */
export function bearerKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^([A-Za-z]+) +(\S+) *$/.exec(header);
  if (!match || match[1]!.toLowerCase() !== 'bearer') return undefined;
  return match[2];
}
