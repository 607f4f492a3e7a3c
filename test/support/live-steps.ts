// Hand-made exchanges for the judge's unit tests: suites derived by the contract's rules, and
// a clock that sends each request after the previous answer unless told they overlap.
import {
  createJudge,
  createKeyring,
  loadLiveContracts,
  toLiveExchange,
  type Finding,
  type WireExchange,
} from '../../conformance/live/index.ts';
import { countersOf } from '../../conformance/testing/blind-spot-helpers.ts';

type Rec = Record<string, unknown>;
const AGENT = 'agent_01M6B1YQ00KK2E5G4WKKWPGZ5Z';
const TERMINAL = ['completed', 'failed', 'cancelled'];
export const SUITES = '/v1/agents/tests/suite-runs';

export function id(prefix: string, n: number): string {
  return `${prefix}_01M8QYG0DTF13XDMEN2QP4J${String(n).padStart(3, '0')}`;
}

function at(second: number): string {
  return new Date(Date.UTC(2026, 11, 1, 4, 0, second)).toISOString();
}

/** A child run; `ended` is the second it ended (terminal only). */
export function child(n: number, status: string, verdict?: 'passed' | 'failed', ended = 10): Rec {
  const completed = status === 'completed';
  const result = completed
    ? {
        test_type: 'reply',
        passed: verdict === 'passed',
        rationale: 'r',
        duration_ms: 0,
        reply: { agent_response: 'a', passed: verdict === 'passed', rationale: 'r', score: '0.5', duration_ms: 0 },
        tool_call: null,
        simulation: null,
      }
    : null;
  return {
    id: id('run', n),
    test_id: id('test', n),
    agent_id: AGENT,
    status,
    verdict: completed ? verdict : null,
    started_at: status === 'pending' ? null : at(1),
    ended_at: TERMINAL.includes(status) ? at(ended) : null,
    result,
    ...(status === 'failed' ? { error: 'boom' } : {}),
    created_at: at(0),
    test_name: `test ${n}`,
    agent_name: 'Support Concierge',
  };
}

/** A suite with every derived field computed from its children. */
export function suite(n: number, runs: Rec[], extra: Rec = {}): Rec {
  const counters = countersOf(runs as { status: string; verdict?: string | null }[]);
  const active = counters.pending + counters.running > 0;
  const status = active ? 'running' : counters.cancelled ? 'cancelled' : counters.failed ? 'failed' : 'completed';
  const ends = runs.map((r) => r.ended_at as string).sort();
  return {
    id: id('srun', n),
    agent_id: AGENT,
    agent_name: 'Support Concierge',
    trigger: 'run_all',
    parent_suite_run_id: null,
    status,
    verdict: status === 'completed' ? (counters.results.passed === counters.completed ? 'passed' : 'failed') : null,
    ...counters,
    created_at: at(0),
    ended_at: active ? null : ends.at(-1),
    config_override: null,
    flow_version_id: null,
    flow_version_number: null,
    runs,
    ...extra,
  };
}

export interface Step {
  method?: string;
  path: string;
  status: number;
  body?: unknown;
  key?: string | null;
  requestBody?: unknown;
  headers?: Record<string, string>;
  /** Sent before the previous answer came (the two were in flight together). */
  overlaps?: boolean;
}

let requestIds = 0;

/** The wire form of each step, a millisecond apart (or overlapping the previous one). */
function toWire(steps: Step[]): WireExchange[] {
  let clock = 1_000_000;
  let lastStart = clock;
  return steps.map((s) => {
    const startedAt = s.overlaps ? lastStart + 0.1 : clock;
    lastStart = startedAt;
    clock = startedAt + 2;
    const key = s.key === undefined ? 'sk_test_alpha' : s.key;
    const status = s.status;
    const requestId = `req_${++requestIds}`;
    const withId =
      s.body && typeof s.body === 'object' && 'error' in s.body ? { ...s.body, request_id: requestId } : s.body;
    const body = withId === undefined ? '' : JSON.stringify(withId);
    const responseHeaders: Record<string, string> = { 'speechify-request-id': requestId };
    if (body) responseHeaders['content-type'] = 'application/json; charset=utf-8';
    if (status === 401) responseHeaders['www-authenticate'] = 'Bearer';
    return {
      method: s.method ?? 'GET',
      path: s.path,
      origin: 'http://127.0.0.1:1',
      requestHeaders: {
        ...(key !== null ? { authorization: `Bearer ${key}` } : {}),
        ...(s.requestBody !== undefined ? { 'content-type': 'application/json' } : {}),
        ...s.headers,
      },
      ...(s.requestBody !== undefined ? { requestBody: JSON.stringify(s.requestBody) } : {}),
      status,
      responseHeaders,
      responseBody: body,
      startedAt,
      durationMs: 1,
    };
  });
}

/** An error envelope (toWire fills in its request_id). */
export function error(code: string): Rec {
  return { error: { code, message: code } };
}

/** Every finding the judge makes on these steps, in order. */
export async function judgeSteps(steps: Step[]): Promise<Finding[]> {
  const judge = createJudge(await loadLiveContracts());
  const keyring = createKeyring();
  for (const w of toWire(steps)) judge.see(toLiveExchange(w, keyring));
  return [...judge.findings];
}
