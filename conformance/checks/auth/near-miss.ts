// Credentials one step from a valid one. Refused (401 with the Bearer challenge, on every
// operation): the key with a character more, a character less or a prefix, the key in another
// case (keys are case-sensitive), the key under another scheme or none, a second token after
// it, and two credentials joined by a comma (what a proxy makes of two Authorization headers).
// Accepted as the key's own workspace: what RFC 7235 / RFC 6750 and HTTP make equal to
// `Bearer <key>`: several spaces before the key (`1*SP`) and whitespace around the value (OWS,
// not part of the field value, RFC 9110 5.5). The scheme word's case is auth-scheme-case-insensitive.
import { OPERATIONS } from '../../api.ts';
import type { CheckContext } from '../../context.ts';
import { ownIds } from '../../discovery.ts';
import { failRule, redactKey } from '../rule-failure.ts';
import { expectUnauthorized } from './unauthorized.ts';

interface Form {
  rule: string;
  label: string;
  header: string;
}

/** Another case of the key, when it has letters: all upper, else all lower, else the first letter swapped. */
function caseChanges(key: string): string[] {
  const out = new Set([
    key.toUpperCase(),
    key.toLowerCase(),
    key.replace(/[a-z]/i, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())),
  ]);
  out.delete(key);
  return [...out];
}

export function nearMissForms(key: string, unknown: string): Form[] {
  return [
    { rule: 'key-suffix', label: 'the key with a character added', header: `Bearer ${key}x` },
    { rule: 'key-prefix', label: 'the key with its last character cut', header: `Bearer ${key.slice(0, -1)}` },
    { rule: 'key-prefixed', label: 'the key after a character', header: `Bearer x${key}` },
    ...caseChanges(key).map((changed, i) => ({
      rule: 'key-case',
      label: `the key in another case (#${i + 1}; keys are case-sensitive)`,
      header: `Bearer ${changed}`,
    })),
    { rule: 'other-scheme', label: 'the key under the Basic scheme', header: `Basic ${key}` },
    { rule: 'other-scheme', label: 'the key under the Token scheme', header: `Token ${key}` },
    { rule: 'no-scheme', label: 'the key without a scheme', header: key },
    { rule: 'second-token', label: 'the key followed by a second token', header: `Bearer ${key} x` },
    {
      rule: 'joined-credentials',
      label: 'an unknown credential, then the key, comma-joined',
      header: `Bearer ${unknown}, Bearer ${key}`,
    },
    {
      rule: 'joined-credentials',
      label: 'the key, then an unknown credential, comma-joined',
      header: `Bearer ${key}, Bearer ${unknown}`,
    },
    { rule: 'no-key', label: '"Bearer" and spaces, no key', header: 'Bearer    ' },
  ];
}

export async function authNearMissCredentials(ctx: CheckContext): Promise<void> {
  const ids = await ownIds(ctx);
  const key = ctx.options.keys.main;
  const forms = nearMissForms(key, `sk_test_unknown_${ctx.nonce}`);
  for (const op of OPERATIONS) {
    for (const form of forms) {
      const exchange = redactKey(await op.send(ctx.api, ids, { auth: { header: form.header } }), key, 'main');
      try {
        expectUnauthorized(exchange, `${op.operationId} with ${form.label}`, op.operationId);
      } catch (error) {
        failRule(form.rule, (error as Error).message, [exchange], op.operationId);
      }
    }
  }
}
