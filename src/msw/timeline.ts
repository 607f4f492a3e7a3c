// Time for the MSW handlers: the host's (`real`), or a timeline the test moves with tick(ms)
// (`manual`). On the manual timeline the workers' delays are timers on the same timeline, run in
// due order as tick passes them, with the clock set to each one's due instant: a run that starts
// after 1,500 ms has started_at 1,500 ms after the suite's created_at, however big the tick.
import type { Clock } from '../server/clock.ts';
import { hostTimers, type Timers } from '../server/worker.ts';

export interface Timeline {
  clock: Clock;
  timers: Timers;
  /** Moves a manual timeline forward; undefined on the real one. */
  tick?: (ms: number) => void;
}

export const realTimeline: Timeline = { clock: { now: () => Date.now() }, timers: hostTimers };

interface Timer {
  at: number;
  seq: number;
  step: () => void;
}

export function createManualTimeline(startMs: number): Timeline & { tick(ms: number): void } {
  let now = startMs;
  let seq = 0;
  const pending = new Set<Timer>();
  const nextDue = (until: number): Timer | undefined => {
    let first: Timer | undefined;
    for (const timer of pending) {
      if (timer.at > until) continue;
      if (!first || timer.at < first.at || (timer.at === first.at && timer.seq < first.seq)) first = timer;
    }
    return first;
  };
  return {
    clock: { now: () => now },
    timers: {
      set(ms, step) {
        const timer = { at: now + Math.max(0, ms), seq: seq++, step };
        pending.add(timer);
        return timer;
      },
      clear: (handle) => void pending.delete(handle as Timer),
    },
    tick(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`tick(ms): ms must be a finite number of milliseconds >= 0, got ${ms}`);
      const until = now + ms;
      // Each timer runs once and a worker schedules at most one more per run, so this ends.
      for (let timer = nextDue(until); timer; timer = nextDue(until)) {
        pending.delete(timer);
        now = Math.max(now, timer.at);
        timer.step();
      }
      now = until;
    },
  };
}
