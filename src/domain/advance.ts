// What a worker does to a run, as a value: the legal moves of the contract, and a refusal
// (never an exception) for anything else, so the caller picks the answer (409, or ignore).
import type { TestRun, TestRunResult, TestVerdict } from './types.ts';
import { isTerminal } from './types.ts';

export type RunMove =
  | { to: 'running' }
  | { to: 'completed'; verdict: TestVerdict; result: TestRunResult }
  | { to: 'failed'; error: string };

type AdvanceRefusal = { reason: 'terminal' | 'illegal_move'; message: string };

export type AdvanceOutcome = { ok: TestRun } | { error: AdvanceRefusal };

export function advanceRun(run: TestRun, move: RunMove, atIso: string): AdvanceOutcome {
  if (isTerminal(run.status)) {
    return { error: { reason: 'terminal', message: `The run is ${run.status}; a terminal run never changes.` } };
  }
  const illegal = (): AdvanceOutcome => ({
    error: { reason: 'illegal_move', message: `A ${run.status} run cannot move to ${move.to}.` },
  });
  switch (move.to) {
    case 'running':
      return run.status === 'pending' ? { ok: { ...run, status: 'running', started_at: atIso } } : illegal();
    case 'completed':
      return run.status === 'running'
        ? { ok: { ...run, status: 'completed', verdict: move.verdict, result: move.result, ended_at: atIso } }
        : illegal();
    case 'failed':
      // pending -> failed is legal and keeps started_at null: the run never started.
      return { ok: { ...run, status: 'failed', verdict: null, result: null, ended_at: atIso, error: move.error } };
  }
}
