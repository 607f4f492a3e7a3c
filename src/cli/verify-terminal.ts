// Live progress of `verify` on a terminal: a line per group, redrawn in place as checks start
// and end (and every tick, so the running check's time moves), erased at the end when the
// table takes its place. The rendering is pure (conformance/reporters/progress.ts); this file
// owns only the stream and the clock.
import {
  createProgressState,
  eraseFrame,
  reduceProgress,
  renderFrame,
  renderProgressLines,
} from '../../conformance/reporters/index.ts';
import type { ProgressEvent } from '../../conformance/index.ts';

export interface TerminalStream {
  write(text: string): unknown;
  /** Width in columns (a TTY stream has it). */
  columns?: number;
}

export interface TerminalProgressOptions {
  /** Colour the group marks. */
  color?: boolean;
  /** Check ids the baseline lists (their failures show as known). */
  known?: Iterable<string>;
  now?: () => number;
  /** Redraw every so many ms while a check runs; 0 redraws on events only. */
  tickMs?: number;
}

export interface TerminalProgress {
  onEvent(event: ProgressEvent): void;
  /** Stops the ticking and erases the progress lines (the final table replaces them). */
  stop(): void;
}

export function createTerminalProgress(
  stream: TerminalStream,
  options: TerminalProgressOptions = {},
): TerminalProgress {
  const now = options.now ?? (() => performance.now());
  const state = createProgressState(options.known);
  let drawn = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const draw = () => {
    if (!state.groups.length) return;
    const lines = renderProgressLines(state, { now: now(), width: stream.columns, color: options.color });
    stream.write(renderFrame(lines, drawn));
    drawn = lines.length;
  };
  return {
    onEvent(event) {
      reduceProgress(state, event, now());
      draw();
      if (event.type === 'start' && options.tickMs !== 0) {
        timer = setInterval(draw, options.tickMs ?? 250);
        timer.unref();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      stream.write(eraseFrame(drawn));
      drawn = 0;
    },
  };
}
