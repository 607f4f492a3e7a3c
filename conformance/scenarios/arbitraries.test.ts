import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeSuiteSpecArb, EDGE_SIZES, MAX_CHILDREN, suiteSpecArb, terminalSuiteSpecArb } from './arbitraries.ts';

describe('generated suites reach the extremes by design', () => {
  it.each([
    ['any', suiteSpecArb],
    ['terminal', terminalSuiteSpecArb],
    ['active', activeSuiteSpecArb],
  ] as const)(
    '%s suites: about one in fifteen at an edge size up to the limit, the rest small, never over it',
    (_name, arb) => {
      const sizes = fc.sample(arb, { numRuns: 2000, seed: 42 }).map((s) => s.children.length);
      const edge = sizes.filter((n) => n >= EDGE_SIZES[0] - 1);
      expect(edge.length / sizes.length).toBeGreaterThan(0.04);
      expect(Math.max(...sizes)).toBe(MAX_CHILDREN);
      expect(Math.min(...sizes)).toBeLessThanOrEqual(2);
      expect(sizes.filter((n) => n > 12 && n <= 60).length).toBeGreaterThan(150);
      expect(sizes.every((n) => n >= 1 && n <= MAX_CHILDREN)).toBe(true);
    },
  );

  it('every 25 runs of a property reach past 100 children for most seeds (the dedicated size checks cover every run)', () => {
    const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
    const reached = seeds.filter((seed) =>
      fc.sample(suiteSpecArb, { numRuns: 25, seed }).some((s) => s.children.length > 100),
    );
    expect(reached.length / seeds.length).toBeGreaterThan(0.6);
  });

  it('an active suite always has a child a cancel can move, also at the limit', () => {
    for (const spec of fc.sample(activeSuiteSpecArb, { numRuns: 500, seed: 7 })) {
      expect(spec.children.some((c) => c.status === 'pending' || c.status === 'running')).toBe(true);
    }
  });
});
