// Prefixed wire ids: `<prefix>_<ULID>`, the ULID being 26 upper-case Crockford base32
// characters (48-bit millisecond time, then 80 random bits). The ulid package does the
// encoding; this module adds the prefixes and a strict parser.
import { decodeTime, monotonicFactory, type ULIDFactory } from 'ulid';

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

/** Parses an id strictly: the prefix (if given) must match, and the body must be exactly 26 upper-case Crockford characters. */
export function parseId(value: string, prefix?: IdPrefix): ParsedId {
  const underscore = value.indexOf('_');
  if (underscore < 0) return { ok: false, reason: 'no prefix' };
  const found = value.slice(0, underscore) as IdPrefix;
  if (!(ID_PREFIXES as readonly string[]).includes(found)) return { ok: false, reason: `unknown prefix "${found}"` };
  if (prefix && found !== prefix) return { ok: false, reason: `expected prefix "${prefix}", got "${found}"` };
  if (!PATTERNS[found].test(value)) return { ok: false, reason: `not "${found}_" followed by ${ID_BODY_LENGTH} Crockford base32 characters` };
  const ulid = value.slice(underscore + 1);
  // The first character carries only 3 bits of the 48-bit time: 8 and above would overflow.
  if (ulid[0]! > '7') return { ok: false, reason: 'time part out of range' };
  return { ok: true, prefix: found, ulid, timeMs: decodeTime(ulid) };
}

export interface IdMinter {
  mint(prefix: IdPrefix, timeMs?: number): string;
}

/**
 * A minter whose ids sort by creation time, also within one millisecond (monotonic ULIDs).
 * `random` may be injected for reproducible ids in tests.
 */
export function createIdMinter(random?: () => number): IdMinter {
  const next: ULIDFactory = monotonicFactory(random ? () => random() : undefined);
  return { mint: (prefix, timeMs) => `${prefix}_${next(timeMs)}` };
}

const defaultMinter = createIdMinter();
export const mintId = (prefix: IdPrefix, timeMs?: number): string => defaultMinter.mint(prefix, timeMs);
