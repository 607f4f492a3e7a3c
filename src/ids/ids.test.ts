import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { loadContract } from '../contract/index.ts';
import {
  CROCKFORD_ALPHABET,
  ID_BODY_LENGTH,
  ID_PREFIXES,
  createIdMinter,
  idPattern,
  isId,
  mintId,
  parseId,
  type IdPrefix,
} from './index.ts';
import { NEAR_MISS_KINDS, nearMissArbitrary, validIdArbitrary } from '../../test/support/id-near-miss.ts';

// Bounded runs: the machine is shared. Each property is cheap, so 200 cases still take milliseconds.
const RUNS = { numRuns: 200 };
const TIME_MAX = 2 ** 48 - 1;

const prefix = fc.constantFrom(...ID_PREFIXES);
const time = fc.integer({ min: 0, max: TIME_MAX });

/** The spec's schema for each id kind: the ids module and the spec must agree. */
const SPEC_SCHEMA: Record<IdPrefix, string> = {
  srun: 'SuiteRunId',
  run: 'TestRunId',
  test: 'TestId',
  agent: 'AgentId',
  fver: 'FlowVersionId',
};

/** A small deterministic generator, so that a minter's randomness can be replayed from a seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function bodyOf(id: string): string {
  return id.slice(id.indexOf('_') + 1);
}

let specSchemas: Record<IdPrefix, ValidateFunction>;
beforeAll(async () => {
  const contract = await loadContract();
  specSchemas = Object.fromEntries(ID_PREFIXES.map((p) => [p, contract.schema(SPEC_SCHEMA[p])])) as Record<
    IdPrefix,
    ValidateFunction
  >;
});

describe('minting', () => {
  it('round trip: a minted id parses back to its prefix and its millisecond time', () => {
    fc.assert(
      fc.property(prefix, time, (p, t) => {
        const parsed = parseId(createIdMinter().mint(p, t), p);
        expect(parsed).toMatchObject({ ok: true, prefix: p, timeMs: t });
      }),
      RUNS,
    );
  });

  it('a minted id is the prefix, an underscore and 26 characters of the upper-case Crockford alphabet', () => {
    fc.assert(
      fc.property(prefix, time, (p, t) => {
        const id = createIdMinter().mint(p, t);
        expect(id.startsWith(`${p}_`)).toBe(true);
        expect(id).toHaveLength(p.length + 1 + ID_BODY_LENGTH);
        for (const c of bodyOf(id)) expect(CROCKFORD_ALPHABET).toContain(c);
        expect(isId(id, p)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a minted id validates against the spec schema of its kind', () => {
    fc.assert(
      fc.property(prefix, time, (p, t) => {
        const id = mintId(p, t);
        expect(specSchemas[p](id)).toBe(true);
      }),
      RUNS,
    );
  });

  it('ids minted at increasing times sort increasingly as strings, whichever minter made them', () => {
    fc.assert(
      fc.property(prefix, fc.uniqueArray(time, { minLength: 2, maxLength: 20 }), fc.boolean(), (p, times, shared) => {
        const sorted = [...times].sort((a, b) => a - b);
        const minter = createIdMinter();
        const ids = sorted.map((t) => (shared ? minter : createIdMinter()).mint(p, t));
        for (let i = 1; i < ids.length; i++) expect(ids[i - 1]! < ids[i]!).toBe(true);
      }),
      RUNS,
    );
  });

  it('ids minted within one millisecond by one minter are strictly increasing and keep that time', () => {
    fc.assert(
      fc.property(prefix, time, fc.integer({ min: 2, max: 50 }), (p, t, count) => {
        const minter = createIdMinter();
        const ids = Array.from({ length: count }, () => minter.mint(p, t));
        for (let i = 1; i < ids.length; i++) expect(ids[i - 1]! < ids[i]!).toBe(true);
        for (const id of ids) expect(parseId(id, p)).toMatchObject({ ok: true, timeMs: t });
      }),
      RUNS,
    );
  });

  it('one minter never goes backwards, even when the clock it is given does', () => {
    fc.assert(
      fc.property(prefix, fc.array(time, { minLength: 2, maxLength: 20 }), (p, times) => {
        const minter = createIdMinter();
        const ids = times.map((t) => minter.mint(p, t));
        for (let i = 1; i < ids.length; i++) expect(ids[i - 1]! < ids[i]!).toBe(true);
      }),
      RUNS,
    );
  });

  it('an injected random source makes minting reproducible, and different sources give different ids', () => {
    fc.assert(
      fc.property(prefix, time, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (p, t, seed) => {
        const a = createIdMinter(seededRandom(seed)).mint(p, t);
        const b = createIdMinter(seededRandom(seed)).mint(p, t);
        const c = createIdMinter(seededRandom(seed + 1)).mint(p, t);
        expect(a).toBe(b);
        expect(c).not.toBe(a);
      }),
      RUNS,
    );
  });

  it('refuses a time that does not fit 48 bits of whole milliseconds', () => {
    const minter = createIdMinter();
    for (const bad of [-1, 1.5, 2 ** 48, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => minter.mint('srun', bad)).toThrow(RangeError);
    expect(parseId(minter.mint('srun', 0), 'srun')).toMatchObject({ ok: true, timeMs: 0 });
    expect(parseId(minter.mint('srun', TIME_MAX), 'srun')).toMatchObject({ ok: true, timeMs: TIME_MAX });
  });

  it('the default minter gives unique ids', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => mintId('srun')));
    expect(ids.size).toBe(2000);
  });
});

describe('parsing', () => {
  it('idPattern is exactly the pattern the spec writes for that kind', async () => {
    const contract = await loadContract();
    for (const p of ID_PREFIXES) {
      expect((contract.schema(SPEC_SCHEMA[p]).schema as { pattern: string }).pattern).toBe(idPattern(p).source);
    }
  });

  it('accepts every well-formed id and reads its time from the first 10 characters', () => {
    fc.assert(
      fc.property(prefix, time, (p, t) => {
        const id = createIdMinter().mint(p, t);
        const parsed = parseId(id);
        expect(parsed).toEqual({ ok: true, prefix: p, ulid: bodyOf(id), timeMs: t });
      }),
      RUNS,
    );
  });

  it('accepts any well-formed body, not only minted ones', () => {
    fc.assert(
      fc.property(
        prefix.chain((p) => fc.tuple(fc.constant(p), validIdArbitrary(p))),
        ([p, id]) => {
          expect(isId(id, p)).toBe(true);
          expect(parseId(id, p).ok).toBe(true);
          expect(specSchemas[p](id)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it.each(NEAR_MISS_KINDS)('rejects a near-miss of kind %s (isId, parseId and the spec pattern alike)', (kind) => {
    fc.assert(
      fc.property(
        prefix.chain((p) =>
          fc.tuple(
            fc.constant(p),
            nearMissArbitrary(p).filter((m) => m.kind === kind),
          ),
        ),
        ([p, miss]) => {
          expect(isId(miss.value, p), miss.value).toBe(false);
          expect(parseId(miss.value, p).ok, miss.value).toBe(false);
          expect(specSchemas[p](miss.value), miss.value).toBe(false);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('the near-miss generator covers every kind', () => {
    const seen = new Set(fc.sample(nearMissArbitrary('srun'), { numRuns: 600, seed: 42 }).map((m) => m.kind));
    expect([...seen].sort()).toEqual([...NEAR_MISS_KINDS].sort());
  });

  it('rejects an id whose time part would exceed 48 bits', () => {
    fc.assert(
      fc.property(
        prefix,
        fc.constantFrom(...'89ABCDEFGHJKMNPQRSTVWXYZ'),
        validIdArbitrary('srun'),
        (p, first, sample) => {
          const id = `${p}_${first}${bodyOf(sample).slice(1)}`;
          const parsed = parseId(id, p);
          expect(parsed.ok).toBe(false);
          if (!parsed.ok) expect(parsed.reason).toMatch(/time/);
        },
      ),
      RUNS,
    );
  });

  it('names what is wrong', () => {
    expect(parseId('01M6DV7580JHH3VXH3J1Z0NDTA')).toEqual({ ok: false, reason: 'no prefix' });
    expect(parseId('usr_01M6DV7580JHH3VXH3J1Z0NDTA')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('unknown prefix'),
    });
    expect(parseId('run_01M6DV7580JHH3VXH3J1Z0NDTA', 'srun')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('expected prefix "srun"'),
    });
    expect(parseId('srun_01M6DV7580JHH3VXH3J1Z0NDT')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('26 Crockford'),
    });
  });

  it('isId refuses what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['srun_01M6DV7580JHH3VXH3J1Z0NDTA']])
      expect(isId(value, 'srun')).toBe(false);
  });
});
