// The rules across exchanges, kept to what holds whatever workers do meanwhile. What an answer
// shows is recorded with the instant it ended; an exchange is compared only with answers that
// ended before it started, so two requests in flight at once never judge each other.
import { representationsIn, testRunsIn } from '../checks/derivation/representations.ts';
import { isRec, isTerminal, runsOf, show } from '../oracle/derivation.ts';
import { differences } from '../oracle/equal.ts';
import type { Problem, Resolved } from './exchange-rules.ts';
import type { LiveExchange } from './traffic.ts';
import type { Contracts } from '../oracle/schema.ts';

type Rec = Record<string, unknown>;

interface Seen {
  value: Rec;
  endedAt: number;
}

/** The fields that make a run's state (names are resolved at read time and may change). */
const RUN_STATE = ['status', 'verdict', 'result', 'error', 'started_at', 'ended_at'];
const SUITE_STATE = [
  'status',
  'verdict',
  'ended_at',
  'total',
  'pending',
  'running',
  'completed',
  'failed',
  'cancelled',
  'results',
];
const CREATING = new Set(['runAllTests', 'runTestsBatch', 'resubmitSuiteRun', 'runTest']);
const DAY_MS = 24 * 60 * 60 * 1000;
const KEEP = 8;

function pick(value: Rec, fields: string[]): Rec {
  return Object.fromEntries(fields.filter((f) => f in value).map((f) => [f, value[f]]));
}

interface IdempotencyRecord {
  operationId: string;
  params: Record<string, string>;
  body: unknown;
  status: number;
  json: unknown;
  at: number;
}

export interface History {
  /** Judges one exchange against what came before, then remembers what it shows. */
  see(live: LiveExchange, resolved: Resolved): Problem[];
  /** Keys that answered 401 (auth-first holds them refused until a reset). */
  readonly refused: ReadonlySet<string>;
  /** How many control resets it has seen (everything seen before one is forgotten). */
  readonly resets: number;
}

export function createHistory(contracts: Contracts): History {
  let runs = new Map<string, Seen[]>();
  let suites = new Map<string, Seen[]>();
  let owners = new Map<string, string>();
  let idempotency = new Map<string, IdempotencyRecord>();
  let refused = new Set<string>();
  let resets = 0;

  function forget(): void {
    resets++;
    runs = new Map();
    suites = new Map();
    owners = new Map();
    idempotency = new Map();
    refused = new Set();
  }

  function remember(map: Map<string, Seen[]>, id: string, value: Rec, endedAt: number): void {
    const list = map.get(id) ?? [];
    const firstTerminal = list.find((s) => isTerminal(s.value.status));
    list.push({ value, endedAt });
    // The first terminal sighting is kept for good: terminal-final compares with it.
    const kept = list.slice(-KEEP);
    map.set(id, firstTerminal && !kept.includes(firstTerminal) ? [firstTerminal, ...kept] : kept);
  }

  const before = (list: Seen[] | undefined, t: number) => (list ?? []).filter((s) => s.endedAt <= t);
  const lastBefore = (map: Map<string, Seen[]>, id: string, t: number) => before(map.get(id), t).at(-1);
  const terminalBefore = (map: Map<string, Seen[]>, id: string, t: number) =>
    before(map.get(id), t).find((s) => isTerminal(s.value.status));

  /** Suites and runs an answer shows, with the representation of each. */
  function shown(live: LiveExchange): { suites: Rec[]; runs: Rec[] } {
    const ex = live.exchange;
    const suiteReps = representationsIn(contracts, ex)
      .map((r) => r.body)
      .filter(isRec);
    const runReps = [...suiteReps.flatMap((s) => runsOf(s)), ...testRunsIn(contracts, ex).map((r) => r.run)];
    return { suites: suiteReps, runs: runReps };
  }

  function terminalFinal(live: LiveExchange, seen: { suites: Rec[]; runs: Rec[] }): Problem[] {
    const out: Problem[] = [];
    const t = live.startedAt;
    for (const suite of seen.suites) {
      const was = terminalBefore(suites, String(suite.id), t);
      if (!was) continue;
      const diff = differences(pick(was.value, SUITE_STATE), pick(suite, SUITE_STATE));
      if (diff.length)
        out.push({
          rule: 'terminal-final',
          message: `suite ${String(suite.id)} was seen ${show(was.value.status)} and changed: ${diff.join('; ')}`,
        });
    }
    for (const run of seen.runs) {
      const was = terminalBefore(runs, String(run.id), t);
      if (!was) continue;
      const diff = differences(pick(was.value, RUN_STATE), pick(run, RUN_STATE));
      if (diff.length)
        out.push({
          rule: 'terminal-final',
          message: `run ${String(run.id)} was seen ${show(was.value.status)} and changed: ${diff.join('; ')}`,
        });
    }
    return out;
  }

  function cancelRules(live: LiveExchange, operationId: string | undefined): Problem[] {
    const json = live.exchange.json;
    if (!isRec(json) || live.exchange.status !== 200) return [];
    const out: Problem[] = [];
    const children = operationId === 'cancelSuiteRun' ? runsOf(json) : operationId === 'cancelTestRun' ? [json] : [];
    if (!children.length && operationId !== 'cancelSuiteRun') return [];
    const active = children.filter((r) => !isTerminal(r.status)).map((r) => `${String(r.id)} ${show(r.status)}`);
    if (active.length)
      out.push({
        rule: 'cancel-settles',
        message: `after the cancel ${active.length} run(s) are still active: ${active.join(', ')}`,
      });
    if (operationId === 'cancelSuiteRun' && !isTerminal(json.status))
      out.push({ rule: 'cancel-settles', message: `the cancelled suite reads ${show(json.status)}` });
    for (const run of children) {
      const was = lastBefore(runs, String(run.id), live.startedAt);
      if (!was || !isTerminal(was.value.status)) continue;
      const diff = differences(pick(was.value, RUN_STATE), pick(run, RUN_STATE));
      if (diff.length)
        out.push({
          rule: 'cancel-leaves-terminal',
          message: `run ${String(run.id)} was ${show(was.value.status)} when last seen; the cancel changed ${diff.join('; ')}`,
        });
    }
    return out;
  }

  function tenancy(live: LiveExchange, resolved: Resolved, seen: { suites: Rec[]; runs: Rec[] }): Problem[] {
    const key = live.key;
    const { status } = live.exchange;
    if (!key) return [];
    const pathIds = Object.values(resolved.params);
    const shownIds = [...seen.suites, ...seen.runs].map((r) => String(r.id));
    const out: Problem[] = [];
    if (status >= 200 && status < 300) {
      const foreign = [...new Set([...pathIds, ...shownIds])].filter((id) => owners.has(id) && owners.get(id) !== key);
      if (foreign.length) {
        out.push({
          rule: 'tenancy-isolation',
          message: `${foreign.join(', ')} seen under ${owners.get(foreign[0]!)} answered ${status} to ${key}`,
        });
      }
      for (const id of shownIds) if (!owners.has(id)) owners.set(id, key);
    }
    if (status === 404) {
      const mine = pathIds.filter((id) => owners.get(id) === key);
      if (mine.length)
        out.push({
          rule: 'seen-stays-found',
          message: `${mine.join(', ')} was read with ${key} before and now answers 404 to it`,
        });
    }
    return out;
  }

  function idempotencyRules(live: LiveExchange, resolved: Resolved): Problem[] {
    const ex = live.exchange;
    const idemKey = ex.requestHeaders['idempotency-key'];
    if (!live.key || idemKey === undefined || !resolved.operationId || !CREATING.has(resolved.operationId)) return [];
    const slot = `${live.key}\n${idemKey}`;
    const body = parseBody(ex.requestBody);
    const first = idempotency.get(slot);
    if (!first || live.startedAt - first.at > DAY_MS) {
      if (ex.status >= 200 && ex.status < 300)
        idempotency.set(slot, {
          operationId: resolved.operationId,
          params: resolved.params,
          body,
          status: ex.status,
          json: ex.json,
          at: live.startedAt,
        });
      return [];
    }
    const same =
      first.operationId === resolved.operationId &&
      differences(first.params, resolved.params).length === 0 &&
      differences(first.body, body).length === 0;
    if (same) {
      const diff =
        ex.status === first.status ? differences(first.json, ex.json) : [`status ${first.status} vs ${ex.status}`];
      return diff.length
        ? [
            {
              rule: 'idempotency-replay',
              message: `the same Idempotency-Key on the same request answered differently from the first answer: ${diff.join('; ')}`,
            },
          ]
        : [];
    }
    const code = isRec(ex.json) && isRec(ex.json.error) ? ex.json.error.code : undefined;
    if (ex.status === 409 && code === 'idempotency_conflict') return [];
    return [
      {
        rule: 'idempotency-conflict',
        message: `an Idempotency-Key first used for another request (${first.operationId}) answered ${ex.status} ${show(code)}, not 409 idempotency_conflict`,
      },
    ];
  }

  function resubmitRule(live: LiveExchange, resolved: Resolved): Problem[] {
    if (resolved.operationId !== 'resubmitSuiteRun') return [];
    const parentId = resolved.params.suite_run_id ?? '';
    const parent = before(suites.get(parentId), live.startedAt)
      .filter((s) => Array.isArray(s.value.runs))
      .at(-1);
    if (!parent) return [];
    // The parent as last seen: its children, each as last seen on its own or in the suite.
    const children = runsOf(parent.value).map((c) => {
      const alone = lastBefore(runs, String(c.id), live.startedAt);
      return alone && alone.endedAt > parent.endedAt ? alone.value : c;
    });
    if (!children.length || !children.every((c) => isTerminal(c.status))) return [];
    const expected = children
      .filter((c) => c.status === 'failed' || (c.status === 'completed' && c.verdict === 'failed'))
      .map((c) => String(c.test_id));
    const { status, json } = live.exchange;
    if (status >= 200 && status < 300) {
      const got = runsOf(json).map((c) => String(c.test_id));
      const out: Problem[] = [];
      if (!expected.length)
        out.push({
          rule: 'resubmit-reruns-failed',
          message: `the parent had no failed test but the resubmit answered ${status}, not 400`,
        });
      else if (got.join() !== expected.join()) {
        out.push({
          rule: 'resubmit-reruns-failed',
          message: `the parent's failed tests are [${expected.join(', ')}] but the resubmit runs [${got.join(', ')}]`,
        });
      }
      if (isRec(json) && json.parent_suite_run_id !== parentId)
        out.push({
          rule: 'resubmit-reruns-failed',
          message: `parent_suite_run_id is ${show(json.parent_suite_run_id)}, not ${parentId}`,
        });
      return out;
    }
    if (status === 400 && expected.length) {
      return [
        {
          rule: 'resubmit-reruns-failed',
          message: `the parent has ${expected.length} failed test(s) to re-run but the resubmit answered 400`,
        },
      ];
    }
    return [];
  }

  return {
    get refused() {
      return refused;
    },
    get resets() {
      return resets;
    },
    see(live, resolved) {
      const ex = live.exchange;
      if (live.area === 'other' || !ex.status) return [];
      if (ex.status === 401) {
        if (live.key) refused.add(live.key);
        return [];
      }
      if (resolved.operationId === 'controlReset' && ex.status >= 200 && ex.status < 300) {
        forget();
        return [];
      }
      const seen = shown(live);
      const control = live.area === 'control';
      // A control call is what a worker or a test set-up does: it informs the rules, it is not judged by them.
      const out = control
        ? []
        : [
            ...terminalFinal(live, seen),
            ...cancelRules(live, resolved.operationId),
            ...resubmitRule(live, resolved),
            ...idempotencyRules(live, resolved),
          ];
      out.push(...tenancy(live, resolved, seen));
      if (ex.status >= 200 && ex.status < 300) {
        for (const suite of seen.suites) remember(suites, String(suite.id), suite, ex.endedAt);
        for (const run of seen.runs) remember(runs, String(run.id), run, ex.endedAt);
      }
      return out;
    },
  };
}

function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
