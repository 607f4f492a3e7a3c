// Request ids: the Speechify-Request-Id header and its values, `req_` and a ULID, for the server, the mock and MSW.
import { encodeTime } from 'ulid';
import { CROCKFORD_ALPHABET } from '../ids/index.ts';

export const REQUEST_ID_HEADER = 'Speechify-Request-Id';

// The ulid package asks the OS for randomness once per character (16 calls per id), which
// showed up as 8% of a GET's CPU under load; here random bytes are drawn in blocks and used
// five bits at a time. Still crypto-random (WebCrypto's getRandomValues, so that the MSW
// handlers in a browser use this same source).
const RANDOM_CHARS = 16;
const BLOCK = 4096;

export function createRequestIdSource(): () => string {
  const pool = new Uint8Array(BLOCK);
  let offset = BLOCK;
  return () => {
    if (offset + RANDOM_CHARS > BLOCK) {
      globalThis.crypto.getRandomValues(pool);
      offset = 0;
    }
    let random = '';
    // 256 is a multiple of 32, so the low five bits of a byte are uniform.
    for (let i = 0; i < RANDOM_CHARS; i++) random += CROCKFORD_ALPHABET[pool[offset + i]! & 31];
    offset += RANDOM_CHARS;
    return `req_${encodeTime(Date.now())}${random}`;
  };
}

/** The process's source: every answer of every server and mock in it, including those node's parser refuses. */
export const nextRequestId = createRequestIdSource();
