// Stable, public ids of the contract rules the oracles judge: a failure names the rule it
// breaks with one of these (reports, baselines and the proof tests read them; never rename one).
import type { CancelRule } from './cancel.ts';
import type { DerivationRule } from './derivation.ts';

const CANCEL_RULE_IDS: Record<CancelRule, string> = {
  'active-cancelled': 'cancel-active-children-cancelled',
  'terminal-unchanged': 'cancel-terminal-child-unchanged',
  'one-instant': 'cancel-one-instant',
  'same-children': 'cancel-same-children',
  'suite-cancelled': 'cancel-suite-cancelled',
};

/** Ids are `<prefix>_` and 26 upper-case Crockford base32 characters. */
export const ID_FORMAT_RULE = 'id-format';
/** No suite or run id is minted twice. */
export const ID_UNIQUE_RULE = 'id-unique';

/**
 * The rule id of a derivation or cancel oracle violation (`status` -> `status-derivation`,
 * `terminal-unchanged` -> `cancel-terminal-child-unchanged`).
 */
export function ruleId(rule: DerivationRule | CancelRule): string {
  return Object.hasOwn(CANCEL_RULE_IDS, rule) ? CANCEL_RULE_IDS[rule as CancelRule] : `${rule}-derivation`;
}
