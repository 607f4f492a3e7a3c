// An observer from a judge: `null` when an exchange is not its business, `undefined` when it is
// fine, a message (or a message and the rule id, when the judge knows several) when it breaks
// the rule. The first violation becomes the failure, named with `rule` unless the judge named one.
import { CheckFailure } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Observer } from './types.ts';

export type Judge = (exchange: Exchange) => string | { message: string; rule: string } | undefined | null;

export function createObserver(
  judge: Judge,
  operationOf?: (exchange: Exchange) => string | undefined,
  rule?: string,
): Observer {
  let judged = 0;
  let broken = 0;
  let first: { exchange: Exchange; message: string; rule?: string; during: string } | undefined;
  return {
    see(exchange, during) {
      const problem = judge(exchange);
      if (problem === null) return;
      judged++;
      if (problem === undefined) return;
      broken++;
      first ??=
        typeof problem === 'string'
          ? { exchange, message: problem, ...(rule ? { rule } : {}), during }
          : { exchange, ...problem, during };
    },
    verdict() {
      if (!first) return undefined;
      const operation = operationOf?.(first.exchange);
      return new CheckFailure({
        message: `${first.message} (${broken} of ${judged} answers break this rule; the first came during check ${first.during})`,
        exchanges: [first.exchange],
        ...(operation ? { operation } : {}),
        ...(first.rule ? { rule: first.rule } : {}),
      });
    },
    judged: () => judged,
  };
}
