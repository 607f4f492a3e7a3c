// Ids that are almost right: one defect each, the kind a sloppy parser or a sloppy minter lets
// through. The ids tests prove the parser refuses all of them (the conformance kit has its own
// malformed ids, conformance/checks/notfound, as it must not import src/).
import fc from 'fast-check';
import { CROCKFORD_ALPHABET, ID_BODY_LENGTH, ID_PREFIXES, type IdPrefix } from '../../src/ids/index.ts';

export const NEAR_MISS_KINDS = [
  'lower-case-character',
  'lower-case-body',
  'forbidden-letter',
  'too-short',
  'too-long',
  'wrong-prefix',
  'unknown-prefix',
  'upper-case-prefix',
  'other-separator',
  'no-prefix',
  'uuid',
  'prefixed-uuid',
  'whitespace',
  'look-alike-character',
  'empty-body',
] as const;
type NearMissKind = (typeof NEAR_MISS_KINDS)[number];

export interface NearMiss {
  kind: NearMissKind;
  value: string;
}

/** A valid id body: 26 Crockford characters whose first one keeps the time within 48 bits. */
export function validBodyArbitrary(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...'01234567'),
      fc.array(fc.constantFrom(...CROCKFORD_ALPHABET), { minLength: 25, maxLength: 25 }),
    )
    .map(([first, rest]) => first + rest.join(''));
}

export function validIdArbitrary(prefix: IdPrefix): fc.Arbitrary<string> {
  return validBodyArbitrary().map((body) => `${prefix}_${body}`);
}

const LOWER_CASE_LETTERS = [...CROCKFORD_ALPHABET].filter((c) => /[A-Z]/.test(c)).map((c) => c.toLowerCase());
const FORBIDDEN_LETTERS = ['I', 'L', 'O', 'U'];
const WHITESPACE = [' ', '\t', '\n', '\r\n', '\u00a0'];
// Characters that look like Crockford ones but are not ASCII: full-width digits, Cyrillic A and O.
const LOOK_ALIKES = ['\uff10', '\uff11', '\u0410', '\u041e'];
const UNKNOWN_PREFIXES = ['usr', 'suite', 'sr', 'runs', 'tst', 'agt', 'fv', 'id'];

function replaceAt(text: string, index: number, replacement: string): string {
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

/** Every near-miss of `prefix`, each one defect away from a valid id of that prefix. */
export function nearMissArbitrary(prefix: IdPrefix): fc.Arbitrary<NearMiss> {
  const body = validBodyArbitrary();
  const position = fc.nat({ max: ID_BODY_LENGTH - 1 });
  const otherPrefixes = ID_PREFIXES.filter((p) => p !== prefix);
  const make = (kind: NearMissKind, arbitrary: fc.Arbitrary<string>) =>
    arbitrary.map((value): NearMiss => ({ kind, value }));
  return fc.oneof(
    make(
      'lower-case-character',
      fc.tuple(body, position, fc.constantFrom(...LOWER_CASE_LETTERS)).map(([b, p, letter]) => {
        const c = b[p]!;
        return `${prefix}_${replaceAt(b, p, /[A-Z]/.test(c) ? c.toLowerCase() : letter)}`;
      }),
    ),
    make(
      'lower-case-body',
      // At least one letter, so that lower-casing changes something.
      fc
        .tuple(body, position, fc.constantFrom(...LOWER_CASE_LETTERS))
        .map(([b, p, letter]) => `${prefix}_${replaceAt(b, p, letter).toLowerCase()}`),
    ),
    make(
      'forbidden-letter',
      fc
        .tuple(body, position, fc.constantFrom(...FORBIDDEN_LETTERS))
        .map(([b, p, letter]) => `${prefix}_${replaceAt(b, p, letter)}`),
    ),
    make(
      'too-short',
      fc.tuple(body, position).map(([b, p]) => `${prefix}_${replaceAt(b, p, '')}`),
    ),
    make(
      'too-long',
      fc
        .tuple(body, fc.nat({ max: ID_BODY_LENGTH }), fc.constantFrom(...CROCKFORD_ALPHABET))
        .map(([b, p, c]) => `${prefix}_${b.slice(0, p)}${c}${b.slice(p)}`),
    ),
    make(
      'wrong-prefix',
      fc.tuple(body, fc.constantFrom(...otherPrefixes)).map(([b, other]) => `${other}_${b}`),
    ),
    make(
      'unknown-prefix',
      fc.tuple(body, fc.constantFrom(...UNKNOWN_PREFIXES)).map(([b, other]) => `${other}_${b}`),
    ),
    make(
      'upper-case-prefix',
      body.map((b) => `${prefix.toUpperCase()}_${b}`),
    ),
    make(
      'other-separator',
      fc.tuple(body, fc.constantFrom('-', '', '__', ':', '.')).map(([b, sep]) => `${prefix}${sep}${b}`),
    ),
    make('no-prefix', body),
    make('uuid', fc.uuid()),
    make(
      'prefixed-uuid',
      fc.uuid().map((u) => `${prefix}_${u}`),
    ),
    make(
      'whitespace',
      fc
        .tuple(body, fc.constantFrom(...WHITESPACE), fc.constantFrom('before', 'after', 'inside'))
        .map(([b, ws, where]) => {
          const id = `${prefix}_${b}`;
          if (where === 'before') return ws + id;
          if (where === 'after') return id + ws;
          return `${prefix}_${b.slice(0, 13)}${ws}${b.slice(13)}`;
        }),
    ),
    make(
      'look-alike-character',
      fc.tuple(body, position, fc.constantFrom(...LOOK_ALIKES)).map(([b, p, c]) => `${prefix}_${replaceAt(b, p, c)}`),
    ),
    make('empty-body', fc.constantFrom(`${prefix}_`, `${prefix}`, '', '_')),
  );
}
