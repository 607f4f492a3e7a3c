// Simulated workers for `--clock real`: each run made through the public API goes pending ->
// running -> completed or failed on unref'd timers, so a front end can watch a suite move.
// Every step goes through advanceRun, which refuses to touch a terminal run: cancel wins.
// Fixture runs and control-made runs are never moved, so every state stays on show.
import { makeResult } from '../domain/results.ts';
import type { TestRun } from '../domain/types.ts';
import type { Store } from '../store/store.ts';

export interface WorkerTiming {
  pendingMs: number;
  runningMs: number;
  /** The share of runs that do not pass: half end `failed`, half `completed` with verdict `failed`. */
  failRate?: number;
}

export const DEFAULT_WORKER_TIMING: Required<WorkerTiming> = { pendingMs: 1500, runningMs: 4000, failRate: 0.2 };

export interface Worker {
  drive(workspace: string, runs: readonly TestRun[]): void;
  /** Clears every timer; runs stay where they are. */
  stop(): void;
  readonly pendingTimers: number;
}

export const idleWorker: Worker = { drive: () => undefined, stop: () => undefined, pendingTimers: 0 };

/** Where the worker's delays run: the host's timers, or a clock a test moves (src/msw). */
export interface Timers {
  set(ms: number, step: () => void): unknown;
  clear(handle: unknown): void;
}

/** setTimeout, unref'd where the host has it (node), so a timer never holds a process open. */
export const hostTimers: Timers = {
  set(ms, step) {
    const timer = setTimeout(step, ms) as unknown as { unref?: () => void };
    timer.unref?.();
    return timer;
  },
  clear: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

export function createWorker(
  store: Store,
  timing: WorkerTiming,
  random: () => number = Math.random,
  host: Timers = hostTimers,
): Worker {
  const failRate = timing.failRate ?? DEFAULT_WORKER_TIMING.failRate;
  const timers = new Set<unknown>();
  // Each run takes 50%..150% of the nominal time, so children of one suite finish apart.
  const jitter = (ms: number) => Math.round(ms * (0.5 + random()));

  function later(ms: number, step: () => void): void {
    const timer = host.set(ms, () => {
      timers.delete(timer);
      step();
    });
    timers.add(timer);
  }

  function finish(workspace: string, runId: string): void {
    const run = store.run(workspace, runId);
    if (run?.status !== 'running') return;
    const roll = random();
    if (roll < failRate / 2) {
      store.advanceRun(workspace, runId, { to: 'failed', error: 'The agent did not answer within 60 seconds.' });
      return;
    }
    const verdict = roll < failRate ? 'failed' : 'passed';
    const type = store.test(workspace, run.test_id)?.type ?? 'reply';
    const duration = Date.parse(store.instant()) - Date.parse(run.started_at ?? store.instant());
    store.advanceRun(workspace, runId, { to: 'completed', verdict, result: makeResult(type, verdict, duration) });
  }

  function start(workspace: string, runId: string): void {
    const run = store.run(workspace, runId);
    if (!run) return; // gone after a reset
    const outcome = store.advanceRun(workspace, runId, { to: 'running' });
    if ('ok' in outcome) later(jitter(timing.runningMs), () => finish(workspace, runId));
  }

  return {
    drive(workspace, runs) {
      for (const run of runs) later(jitter(timing.pendingMs), () => start(workspace, run.id));
    },
    stop() {
      for (const timer of timers) host.clear(timer);
      timers.clear();
    },
    get pendingTimers() {
      return timers.size;
    },
  };
}
