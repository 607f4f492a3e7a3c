// The judge of live traffic: every exchange, in the order answers came, through the rules one
// exchange decides and the rules across exchanges. Findings come out as they are found (the
// proxy prints each at once) and are gathered into a report.
import { toRecord } from '../http/exchange.ts';
import type { ExchangeRecord } from '../types.ts';
import type { Contracts } from '../oracle/schema.ts';
import { judgeBody, judgeHeaders, resolveLive, type Problem, type Resolved } from './exchange-rules.ts';
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

/** Identical GET answers remembered (a client polling a suite reads the same body many times). */
const MEMO_LIMIT = 2000;

/**
 * A successful GET whose answer is byte for byte one already judged, for the same key, path and
 * version header, breaks exactly the rules that answer broke: its body rules, and the rules
 * across exchanges too (it shows the same state as an answer already remembered, under the same
 * key). Only its headers (auth, request id) are judged again. Anything else is judged in full.
 */
function memoKey(live: LiveExchange): string | undefined {
  const x = live.exchange;
  if (live.area !== 'public' || x.method !== 'GET' || x.status < 200 || x.status >= 300 || !live.key) return undefined;
  return [
    live.key,
    x.path,
    x.requestHeaders['speechify-version'] ?? '',
    x.status,
    x.responseHeaders['content-type'] ?? '',
  ].join('\n');
}

function sameBody(a: string | Buffer, b: string | Buffer): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (typeof a !== 'string' && typeof b !== 'string') return a.equals(b);
  return a.toString() === b.toString();
}

export function createJudge(contracts: Contracts, onFinding?: (finding: Finding) => void): Judge {
  const history = createHistory(contracts);
  const findings: Finding[] = [];
  const memo = new Map<string, { body: string | Buffer; resolved: Resolved; problems: Problem[] }>();
  let exchanges = 0;
  let resets = 0;

  function judgeInFull(live: LiveExchange): { resolved: Resolved; problems: Problem[] } {
    const resolved = resolveLive(contracts, live);
    const headers = judgeHeaders(live, history.refused);
    const body = headers.authFailed ? [] : judgeBody(contracts, live, resolved);
    const across = history.see(live, resolved);
    if (history.resets !== resets) {
      resets = history.resets;
      memo.clear();
    }
    return { resolved, problems: [...headers.problems, ...body, ...across] };
  }

  return {
    see(live) {
      exchanges++;
      const key = memoKey(live);
      const remembered = key === undefined ? undefined : memo.get(key);
      const known = remembered && sameBody(remembered.body, live.body) ? remembered : undefined;
      let resolved: Resolved;
      let all: Problem[];
      if (known) {
        const headers = judgeHeaders(live, history.refused);
        resolved = known.resolved;
        all = headers.authFailed ? headers.problems : [...headers.problems, ...known.problems];
      } else {
        const judged = judgeInFull(live);
        ({ resolved } = judged);
        all = judged.problems;
        if (key !== undefined) {
          if (memo.size >= MEMO_LIMIT) memo.clear();
          memo.set(key, {
            body: live.body,
            resolved,
            problems: judged.problems.filter((p) => p.rule !== 'request-id' && p.rule !== 'auth-first'),
          });
        }
      }
      const operation = resolved.operationId ?? `${live.exchange.method} ${live.exchange.path.split('?')[0]}`;
      const found = all.map((p): Finding => {
        if (!RULE_BY_ID.has(p.rule)) throw new Error(`a finding names the unknown rule ${p.rule}`);
        return {
          rule: p.rule,
          operation,
          ...(live.requestId ? { requestId: live.requestId } : {}),
          message: p.message,
          exchange: toRecord(live.exchange),
          index: exchanges,
        };
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
