// Time comes from an injected clock so that tests can move it (idempotency expiry) without
// waiting. Which runs move on their own is a separate choice: the worker (worker.ts).
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to; for tests. */
export function createManualClock(
  startMs: number = Date.now(),
): Clock & { advance(ms: number): void; set(ms: number): void } {
  let current = startMs;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
    set(ms) {
      current = ms;
    },
  };
}
