import { describe, expect, it } from 'vitest';
import { CATALOGUE, selectChecks } from '../checks/catalogue.ts';
import { GROUPS } from '../types.ts';
import { FAULT_TABLE } from './fault-table.ts';
import { mutants } from './mutants.ts';
import { contractMutants } from './mutants-contract.ts';
import { blindSpotMutants } from './mutants-blind-spots.ts';

describe('the catalogue', () => {
  it('has unique, stable kebab-case ids, each in a group of its prefix', () => {
    const ids = CATALOGUE.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CATALOGUE) {
      expect(check.id).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
      expect(check.id.startsWith(`${check.group}-`)).toBe(true);
      expect(Boolean(check.run || check.observe)).toBe(true);
    }
  });

  it('covers every group', () => {
    for (const group of GROUPS) expect(CATALOGUE.some((c) => c.group === group)).toBe(true);
  });

  it('selects by group or id, and refuses an unknown name loudly', () => {
    expect(selectChecks(['version']).map((c) => c.id)).toEqual([
      'version-malformed-rejected',
      'version-valid-accepted',
    ]);
    expect(selectChecks(['auth-unknown-key', 'version']).map((c) => c.id)).toEqual([
      'auth-unknown-key',
      'version-malformed-rejected',
      'version-valid-accepted',
    ]);
    expect(() => selectChecks(['cancel', 'canceled'])).toThrow(/canceled/);
  });

  it('has no check that nothing proves able to fail (a fault of the reference server or a mutant)', () => {
    const proven = new Set([
      ...Object.values(FAULT_TABLE).flatMap((f) => [f.check, ...f.also]),
      ...mutants().map(({ check }) => check),
      ...contractMutants().map(({ check }) => check),
      ...blindSpotMutants().map((m) => m.check),
    ]);
    const unproven = CATALOGUE.map((c) => c.id).filter((id) => !proven.has(id));
    expect(unproven).toEqual([]);
    for (const id of proven)
      expect(
        CATALOGUE.some((c) => c.id === id),
        id,
      ).toBe(true);
  });

  it('names, for each fault and mutant, the rule it breaks as a kebab-case id (never the set-up or error rules)', () => {
    const rules = [...Object.values(FAULT_TABLE).map((f) => f.rule), ...mutants().map((m) => m.rule)];
    for (const rule of rules) {
      expect(rule).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
      expect(['setup', 'unexpected-error']).not.toContain(rule);
    }
  });
});
