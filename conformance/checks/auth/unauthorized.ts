// The 401 every operation answers without a valid key: the envelope's code `unauthorized` and
// a Bearer challenge (RFC 6750).
import type { Exchange } from '../../http/exchange.ts';
import { isRec } from '../../oracle/derivation.ts';
import { describeAnswer, fail } from '../support.ts';

export function expectUnauthorized(exchange: Exchange, what: string, operation: string): void {
  if (exchange.status !== 401) fail(`${what}: expected 401, got ${describeAnswer(exchange)}`, [exchange], operation);
  const code = isRec(exchange.json) && isRec(exchange.json.error) ? exchange.json.error.code : undefined;
  if (code !== 'unauthorized')
    fail(
      `${what}: 401 without the envelope's code "unauthorized" (got ${JSON.stringify(code)})`,
      [exchange],
      operation,
    );
  const challenge = exchange.responseHeaders['www-authenticate'];
  if (!challenge || !/^bearer\b/i.test(challenge))
    fail(
      `${what}: 401 without WWW-Authenticate: Bearer (got ${JSON.stringify(challenge ?? null)})`,
      [exchange],
      operation,
    );
}
