// The judge of live traffic: every exchange, in the order answers came, through the rules one
// exchange decides and the rules across exchanges. Findings come out as they are found (the
// proxy prints each at once) and are gathered into a report.
import type { ExchangeRecord } from '../types.ts';
import type { Contracts } from '../oracle/schema.ts';
import { judgeExchange } from './exchange-rules.ts';
import { createHistory } from './history.ts';
import { RULE_BY_ID } from './rules.ts';
import type { LiveExchange } from './traffic.ts';

export interface Finding {
  rule: string;
  /** The operationId, or `METHOD path` when no operation matches. */
  operation: string;
  /** The exchange's Speechify-Request-Id, when it had one. */
  requestId?: string;
  message: string;
  /** The exchange, keys masked. */
  exchange: ExchangeRecord;
  /** Its position in the traffic judged (1-based). */
  index: number;
}

export interface Judge {
  see(live: LiveExchange): Finding[];
  readonly findings: readonly Finding[];
  /** How many exchanges were judged. */
  readonly exchanges: number;
}

export function toRecord(live: LiveExchange): ExchangeRecord {
  const x = live.exchange;
  return {
    method: x.method,
    url: x.url,
    requestHeaders: x.requestHeaders,
    ...(x.requestBody !== undefined ? { requestBody: x.requestBody } : {}),
    status: x.status,
    responseHeaders: x.responseHeaders,
    responseBody: x.text,
    ms: x.ms,
    ...(x.error ? { error: x.error } : {}),
  };
}

export function createJudge(contracts: Contracts, onFinding?: (finding: Finding) => void): Judge {
  const history = createHistory(contracts);
  const findings: Finding[] = [];
  let exchanges = 0;
  return {
    see(live) {
      exchanges++;
      const { problems, resolved } = judgeExchange(contracts, live, history.refused);
      const all = [...problems, ...history.see(live, resolved)];
      const operation = resolved.operationId ?? `${live.exchange.method} ${live.exchange.path.split('?')[0]}`;
      const found = all.map((p): Finding => {
        if (!RULE_BY_ID.has(p.rule)) throw new Error(`a finding names the unknown rule ${p.rule}`);
        return { rule: p.rule, operation, ...(live.requestId ? { requestId: live.requestId } : {}), message: p.message, exchange: toRecord(live), index: exchanges };
      });
      for (const f of found) {
        findings.push(f);
        onFinding?.(f);
      }
      return found;
    },
    get findings() {
      return findings;
    },
    get exchanges() {
      return exchanges;
    },
  };
}

/** The one line printed as a finding happens: rule, operation, request id, then why. */
export function findingLine(f: Finding): string {
  return `FINDING ${f.rule} ${f.operation} ${f.requestId ?? '(no request id)'}: ${f.message}`;
}
