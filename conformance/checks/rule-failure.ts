// A failure that names the rule it broke (a check with several rules says which one), and the
// redaction of a configured key that a near-miss credential was built from.
import { CheckFailure } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';

export function failRule(rule: string, message: string, exchanges: Exchange[] = [], operation?: string): never {
  throw new CheckFailure({ message, exchanges, rule, ...(operation ? { operation } : {}) });
}

/**
 * The bundled public test keys are shown as they are; any other key never appears in a report:
 * an Authorization value built from it is rewritten, after sending, with `<your KEY key>`.
 */
export function redactKey(exchange: Exchange, key: string, role: string): Exchange {
  const sent = exchange.requestHeaders.authorization;
  if (sent !== undefined && !/^sk_test_[A-Za-z0-9_]*$/.test(key) && key.length > 1) {
    // The key, cut by one character or changed in case, is the key all the same.
    const near = new RegExp(`${key.slice(0, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.?`, 'gi');
    exchange.requestHeaders.authorization = sent.replace(near, `<your ${role} key>`);
  }
  return exchange;
}
