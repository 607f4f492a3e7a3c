// The control interface (spec/control.openapi.yaml): provider states, as Pact calls them.
// The kit uses it to build suites with chosen child states and to act as a worker.
import type { Exchange, HttpClient, KeyRole } from './http/exchange.ts';

export type JobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
export type Verdict = 'passed' | 'failed';

export interface ChildSpec {
  status: JobStatus;
  verdict?: Verdict;
  error?: string;
  test_id?: string;
}

export interface SuiteSpec {
  trigger?: 'run_all' | 'batch' | 'resubmit';
  agent_id?: string | null;
  parent_suite_run_id?: string | null;
  children: ChildSpec[];
}

export interface AdvanceMove {
  to: 'running' | 'completed' | 'failed';
  verdict?: Verdict;
  error?: string;
}

export interface ControlClient {
  createSuite(spec: SuiteSpec, role?: KeyRole): Promise<Exchange>;
  advance(testRunId: string, move: AdvanceMove, role?: KeyRole): Promise<Exchange>;
  reset(): Promise<Exchange>;
}

export function createControl(http: HttpClient): ControlClient {
  return {
    createSuite: (spec, role = 'main') =>
      http.send({ api: 'control', method: 'POST', path: '/suite-runs', auth: { role }, body: spec }),
    advance: (id, move, role = 'main') =>
      http.send({ api: 'control', method: 'POST', path: `/runs/${id}/advance`, auth: { role }, body: move }),
    reset: () => http.send({ api: 'control', method: 'POST', path: '/reset' }),
  };
}

export type ControlDetection =
  | { available: true; probe: Exchange }
  | { available: false; reason: string; probe?: Exchange };

/**
 * Is there a control interface? One real call decides: making a one-child suite must answer
 * 201 with a suite run. (The suite stays: the kit makes its own suites and leaves them.)
 */
export async function detectControl(http: HttpClient): Promise<ControlDetection> {
  const probe = await http.send({
    api: 'control',
    method: 'POST',
    path: '/suite-runs',
    body: { children: [{ status: 'completed', verdict: 'passed' }] },
    probe: true,
  });
  const body = probe.json as { id?: unknown; runs?: unknown } | undefined;
  if (probe.status === 201 && typeof body?.id === 'string' && Array.isArray(body.runs))
    return { available: true, probe };
  const why = probe.status ? `POST ${probe.url} answered ${probe.status}` : `POST ${probe.url}: ${probe.error}`;
  return { available: false, reason: why, probe };
}
