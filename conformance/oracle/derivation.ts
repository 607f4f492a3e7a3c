// The derivation oracle, written from the rules of CONTRACT.md ("Derived suite state") and
// nothing else: given one representation of a suite run it returns every rule it breaks.
import { latest, toInstant } from './instants.ts';

export const DERIVATION_RULES = [
  'counters',
  'results',
  'status',
  'verdict',
  'ended-at',
  'child-fields',
  'agent-name',
] as const;
export type DerivationRule = (typeof DERIVATION_RULES)[number];

export interface Violation {
  rule: DerivationRule;
  message: string;
}

/**
 * Where the representation came from: a read with children (GET, cancel, control create), the
 * resubmit answer (children, but a creation response), a list item (no children), or the suite
 * embedded in a Run All / batch answer. Creation responses carry agent_name null; reads resolve it.
 */
export type RepresentationKind = 'with-runs' | 'created-with-runs' | 'list-item' | 'creation';

const CREATION_KINDS: ReadonlySet<RepresentationKind> = new Set(['creation', 'created-with-runs']);

const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
type Rec = Record<string, unknown>;

/** A suite's children as records, in order; none when it has no `runs` array. */
export function runsOf(suite: unknown): Rec[] {
  return isRec(suite) && Array.isArray(suite.runs) ? suite.runs.filter(isRec) : [];
}

export function isTerminal(status: unknown): boolean {
  return typeof status === 'string' && TERMINAL.has(status);
}

/** The status the rules give a suite whose children have these statuses. */
export function expectedStatus(statuses: string[]): string {
  if (statuses.some((s) => s === 'pending' || s === 'running')) return 'running';
  if (statuses.includes('cancelled')) return 'cancelled';
  if (statuses.includes('failed')) return 'failed';
  return 'completed';
}

export function checkSuite(suite: unknown, kind: RepresentationKind): Violation[] {
  const out: Violation[] = [];
  if (!isRec(suite)) return [{ rule: 'counters', message: 'the suite run is not an object' }];
  const runs = suite.runs;
  if ((kind === 'with-runs' || kind === 'created-with-runs') && Array.isArray(runs))
    checkAgainstChildren(suite, runs.filter(isRec), out);
  else checkSelfConsistent(suite, out);
  checkAgentName(suite, kind, out);
  return out;
}

function checkAgainstChildren(suite: Rec, runs: Rec[], out: Violation[]): void {
  const count = (status: string) => runs.filter((r) => r.status === status).length;
  if (suite.total !== runs.length)
    out.push({ rule: 'counters', message: `total is ${show(suite.total)} but the suite has ${runs.length} children` });
  for (const status of STATUSES) {
    if (suite[status] !== count(status)) {
      out.push({
        rule: 'counters',
        message: `${status} is ${show(suite[status])} but ${count(status)} children are ${status}`,
      });
    }
  }
  const completed = runs.filter((r) => r.status === 'completed');
  const passed = completed.filter((r) => r.verdict === 'passed').length;
  const failedVerdicts = completed.filter((r) => r.verdict === 'failed').length;
  const results = isRec(suite.results) ? suite.results : {};
  if (results.passed !== passed)
    out.push({
      rule: 'results',
      message: `results.passed is ${show(results.passed)} but ${passed} completed children passed`,
    });
  if (results.failed !== failedVerdicts) {
    out.push({
      rule: 'results',
      message: `results.failed is ${show(results.failed)} but ${failedVerdicts} completed children have verdict failed`,
    });
  }
  const status = expectedStatus(runs.map((r) => String(r.status)));
  if (suite.status !== status)
    out.push({
      rule: 'status',
      message: `status is ${show(suite.status)} but its children (${summarize(runs)}) make it ${status}`,
    });
  const verdict = status !== 'completed' ? null : completed.every((r) => r.verdict === 'passed') ? 'passed' : 'failed';
  if (suite.verdict !== verdict) {
    out.push({
      rule: 'verdict',
      message: `verdict is ${show(suite.verdict)} but must be ${show(verdict)} (status ${status}, children ${summarize(runs)})`,
    });
  }
  checkEndedAt(suite, runs, out);
  runs.forEach((run, i) => {
    checkChild(run, `runs[${i}]`, out);
  });
}

function checkEndedAt(suite: Rec, runs: Rec[], out: Violation[]): void {
  if (runs.some((r) => !isTerminal(r.status))) {
    if (suite.ended_at !== null)
      out.push({ rule: 'ended-at', message: `ended_at is ${show(suite.ended_at)} but some children are not terminal` });
    return;
  }
  const last = latest(runs.map((r) => r.ended_at));
  if (!last) return; // a child without a valid ended_at is a child-fields violation
  if (toInstant(suite.ended_at) !== last.instant) {
    out.push({
      rule: 'ended-at',
      message: `ended_at is ${show(suite.ended_at)} but the latest child ended_at is ${show(last.value)}`,
    });
  }
}

/** A child's own invariants: which fields are set in which status. */
export function checkChild(run: Rec, where: string, out: Violation[]): void {
  const status = run.status;
  const completed = status === 'completed';
  const bad = (message: string) =>
    out.push({ rule: 'child-fields', message: `${where} (${show(status)}): ${message}` });
  if (completed !== (run.verdict !== null && run.verdict !== undefined)) bad(`verdict is ${show(run.verdict)}`);
  if (completed !== (run.result !== null && run.result !== undefined))
    bad(`result is ${run.result === undefined ? 'absent' : run.result === null ? 'null' : 'set'}`);
  if (isTerminal(status) !== (run.ended_at !== null && run.ended_at !== undefined))
    bad(`ended_at is ${show(run.ended_at)}`);
  if ((status === 'failed') !== (run.error !== undefined && run.error !== null)) bad(`error is ${show(run.error)}`);
  if ((status === 'running' || completed) && (run.started_at === null || run.started_at === undefined))
    bad('started_at is null but it ran');
  if (status === 'pending' && run.started_at !== null && run.started_at !== undefined)
    bad(`started_at is ${show(run.started_at)} but it never started`);
}

function checkSelfConsistent(suite: Rec, out: Violation[]): void {
  const n = (key: string) => (typeof suite[key] === 'number' ? (suite[key] as number) : NaN);
  const sum = STATUSES.reduce((total, s) => total + n(s), 0);
  if (sum !== n('total'))
    out.push({ rule: 'counters', message: `the status counters add up to ${sum}, total is ${show(suite.total)}` });
  const results = isRec(suite.results) ? suite.results : {};
  if (Number(results.passed) + Number(results.failed) !== n('completed')) {
    out.push({
      rule: 'results',
      message: `results ${show(results.passed)} passed + ${show(results.failed)} failed != completed ${show(suite.completed)}`,
    });
  }
  const statuses = STATUSES.flatMap((s) => Array<string>(Math.max(0, n(s) || 0)).fill(s));
  const status = expectedStatus(statuses);
  if (statuses.length && suite.status !== status)
    out.push({ rule: 'status', message: `status is ${show(suite.status)} but its counters make it ${status}` });
  const verdict = status !== 'completed' ? null : results.failed === 0 ? 'passed' : 'failed';
  if (suite.verdict !== verdict)
    out.push({
      rule: 'verdict',
      message: `verdict is ${show(suite.verdict)} but must be ${show(verdict)} (status ${status})`,
    });
  const ended = suite.ended_at !== null && suite.ended_at !== undefined;
  if (statuses.length && ended !== (status !== 'running')) {
    out.push({ rule: 'ended-at', message: `ended_at is ${show(suite.ended_at)} while the status is ${status}` });
  }
}

function checkAgentName(suite: Rec, kind: RepresentationKind, out: Violation[]): void {
  const agentId = suite.agent_id ?? null;
  const name = suite.agent_name ?? null;
  if (agentId === null && name !== null)
    out.push({ rule: 'agent-name', message: `agent_name is ${show(name)} but agent_id is null` });
  const creation = CREATION_KINDS.has(kind);
  if (creation && name !== null)
    out.push({
      rule: 'agent-name',
      message: `agent_name is ${show(name)} in a creation answer (Run All, batch or resubmit: must be null)`,
    });
  if (!creation && agentId !== null && (typeof name !== 'string' || name === '')) {
    out.push({
      rule: 'agent-name',
      message: `agent_name is ${show(name)} but agent_id is set (names are resolved on reads)`,
    });
  }
}

function summarize(runs: Rec[]): string {
  const counts = new Map<string, number>();
  for (const r of runs) {
    const label = r.status === 'completed' ? `completed/${String(r.verdict)}` : String(r.status);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => `${n} ${label}`).join(', ');
}

export function show(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

export function isRec(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
