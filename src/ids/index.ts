// Prefixed wire ids: `<prefix>_<ULID>`, the ULID being 26 upper-case Crockford base32
// characters (48-bit millisecond time, then 80 random bits). The ulid package encodes the
// time; this module adds the prefixes, a monotonic minter and a strict parser.
import { decodeTime, encodeTime, incrementBase32 } from 'ulid';

export const ID_PREFIXES = ['srun', 'run', 'test', 'agent', 'fver'] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

/** Crockford base32 in upper case: digits and letters without I, L, O and U. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ID_BODY_LENGTH = 26;
const BODY = '[0-9A-HJKMNP-TV-Z]{26}';

/** The exact pattern of an id with this prefix, as the spec writes it. */
export function idPattern(prefix: IdPrefix): RegExp {
  return new RegExp(`^${prefix}_${BODY}$`);
}
const PATTERNS = Object.fromEntries(ID_PREFIXES.map((p) => [p, idPattern(p)])) as Record<IdPrefix, RegExp>;

export type ParsedId = { ok: true; prefix: IdPrefix; ulid: string; timeMs: number } | { ok: false; reason: string };

export function isId(value: unknown, prefix: IdPrefix): value is string {
  return typeof value === 'string' && PATTERNS[prefix].test(value);
}

/**
 * Parses an id strictly: the prefix (if given) must match, and the body must be exactly 26 upper-case
 * Crockford characters.
 */
export function parseId(value: string, prefix?: IdPrefix): ParsedId {
  const underscore = value.indexOf('_');
  if (underscore < 0) return { ok: false, reason: 'no prefix' };
  const found = value.slice(0, underscore) as IdPrefix;
  if (!(ID_PREFIXES as readonly string[]).includes(found)) return { ok: false, reason: `unknown prefix "${found}"` };
  if (prefix && found !== prefix) return { ok: false, reason: `expected prefix "${prefix}", got "${found}"` };
  if (!PATTERNS[found].test(value))
    return { ok: false, reason: `not "${found}_" followed by ${ID_BODY_LENGTH} Crockford base32 characters` };
  const ulid = value.slice(underscore + 1);
  // The first character carries only 3 bits of the 48-bit time: 8 and above would overflow.
  if (ulid[0]! > '7') return { ok: false, reason: 'time part out of range' };
  return { ok: true, prefix: found, ulid, timeMs: decodeTime(ulid) };
}

export interface IdMinter {
  /** Mints an id at `timeMs` (default: now), a whole number of milliseconds in 0..2^48-1. */
  mint(prefix: IdPrefix, timeMs?: number): string;
}

const RANDOM_LENGTH = 16;
const TIME_MAX = 2 ** 48 - 1;

function cryptoRandomPart(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(RANDOM_LENGTH));
  // 256 is a multiple of 32, so the low five bits of a byte are uniform.
  return Array.from(bytes, (b) => CROCKFORD_ALPHABET[b & 31]).join('');
}

function injectedRandomPart(random: () => number): string {
  let out = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) out += CROCKFORD_ALPHABET[Math.floor(random() * 32) % 32];
  return out;
}

/**
 * A minter whose ids sort by creation time, also within one millisecond: an id minted at a time
 * not after the previous one keeps the previous time and increments its random part (monotonic
 * ULIDs), so one minter never goes backwards even when its clock does. `random` (values in
 * [0, 1)) may be injected for reproducible ids in tests.
 *
 * Written here rather than taken from ulid's monotonicFactory, which reads a time of 0 as "now".
 */
export function createIdMinter(random?: () => number): IdMinter {
  const randomPart = random ? () => injectedRandomPart(random) : cryptoRandomPart;
  let lastTime = -1;
  let lastRandom = '';
  return {
    mint(prefix, timeMs = Date.now()) {
      if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > TIME_MAX) {
        throw new RangeError(`an id time must be a whole number of milliseconds in 0..${TIME_MAX}, got ${timeMs}`);
      }
      if (timeMs > lastTime) {
        lastTime = timeMs;
        lastRandom = randomPart();
        return `${prefix}_${encodeTime(timeMs)}${lastRandom}`;
      }
      lastRandom = incrementBase32(lastRandom);
      return `${prefix}_${encodeTime(lastTime)}${lastRandom}`;
    },
  };
}

const defaultMinter = createIdMinter();
export const mintId = (prefix: IdPrefix, timeMs?: number): string => defaultMinter.mint(prefix, timeMs);
