import { describe, expect, it } from 'vitest';
import type { CancelRule } from './cancel.ts';
import { DERIVATION_RULES } from './derivation.ts';
import { ID_FORMAT_RULE, ID_UNIQUE_RULE, ruleId } from './rules.ts';

const CANCEL_RULES: CancelRule[] = [
  'active-cancelled',
  'terminal-unchanged',
  'one-instant',
  'same-children',
  'suite-cancelled',
];

describe('rule ids', () => {
  it('name each derivation and cancel rule with its own stable kebab-case id', () => {
    const ids = [...DERIVATION_RULES, ...CANCEL_RULES].map(ruleId);
    expect(new Set([...ids, ID_FORMAT_RULE, ID_UNIQUE_RULE, 'setup', 'unexpected-error']).size).toBe(ids.length + 4);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)+$/);
    // Public names (reports, baselines, proof tests read them): never renamed.
    expect(ruleId('status')).toBe('status-derivation');
    expect(ruleId('ended-at')).toBe('ended-at-derivation');
    expect(ruleId('terminal-unchanged')).toBe('cancel-terminal-child-unchanged');
    expect(ruleId('active-cancelled')).toBe('cancel-active-children-cancelled');
    expect(ruleId('one-instant')).toBe('cancel-one-instant');
  });
});
