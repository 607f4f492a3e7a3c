// Live progress on a terminal, as pure functions: events -> state -> lines -> a frame of ANSI
// text that redraws the lines in place. The CLI owns the stream and the clock; nothing here
// prints or reads the time.
import type { CheckResult, GroupName, ProgressEvent } from '../types.ts';
import { formatSeconds } from './groups.ts';

interface GroupProgress {
  group: GroupName;
  total: number;
  done: number;
  passed: number;
  failed: number;
  known: number;
  skipped: number;
  /** Sum of the ended checks' own times. */
  ms: number;
  /** The check running now, and since when. */
  current?: { id: string; since: number };
  /** Checks that started but end only when the run ends (observers judge every exchange). */
  awaiting: Set<string>;
}

export interface ProgressState {
  groups: GroupProgress[];
  /** Failing checks the baseline lists. */
  known: ReadonlySet<string>;
}

export function createProgressState(known: Iterable<string> = []): ProgressState {
  return { groups: [], known: new Set(known) };
}

function countResult(g: GroupProgress, r: CheckResult, known: ReadonlySet<string>): void {
  g.done++;
  g[r.status]++;
  if (r.status === 'failed' && known.has(r.id)) g.known++;
  g.ms += r.durationMs;
}

/** The state after one event (the state is updated in place and returned). */
export function reduceProgress(state: ProgressState, event: ProgressEvent, now: number): ProgressState {
  if (event.type === 'start') {
    const groups = new Map<GroupName, GroupProgress>();
    for (const { group } of event.plan) {
      const g = groups.get(group) ?? {
        group,
        total: 0,
        done: 0,
        passed: 0,
        failed: 0,
        known: 0,
        skipped: 0,
        ms: 0,
        awaiting: new Set<string>(),
      };
      g.total++;
      groups.set(group, g);
    }
    state.groups = [...groups.values()];
    return state;
  }
  const g = state.groups.find((x) => x.group === (event.type === 'check-start' ? event.group : event.result.group));
  if (!g) return state;
  if (event.type === 'check-start') {
    // A check that started and did not end before the next one is an observer: it ends with the run.
    for (const other of state.groups) {
      if (!other.current) continue;
      other.awaiting.add(other.current.id);
      delete other.current;
    }
    g.current = { id: event.id, since: now };
    return state;
  }
  const r = event.result;
  if (g.current?.id === r.id) delete g.current;
  g.awaiting.delete(r.id);
  countResult(g, r, state.known);
  return state;
}

function counts(g: Pick<GroupProgress, 'passed' | 'failed' | 'known' | 'skipped'>): string {
  const parts = [`${g.passed} passed`];
  if (g.failed) parts.push(`${g.failed} failed${g.known ? ` (${g.known === g.failed ? 'all' : g.known} known)` : ''}`);
  if (g.skipped) parts.push(`${g.skipped} skipped`);
  return parts.join(', ');
}

type GroupPhase = 'waiting' | 'running' | 'awaiting' | 'done';

function phaseOf(g: GroupProgress): GroupPhase {
  if (g.done === g.total) return 'done';
  if (g.current) return 'running';
  if (g.awaiting.size && g.done + g.awaiting.size === g.total) return 'awaiting';
  return g.done || g.awaiting.size ? 'running' : 'waiting';
}

export interface RenderOptions {
  now: number;
  /** Terminal width: lines are cut to it so that none wraps (a wrapped line breaks redrawing). */
  width?: number;
  color?: boolean;
}

const ANSI = {
  reset: '\x1b[0m',
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
} as const;
export type Colour = Exclude<keyof typeof ANSI, 'reset'>;

export function paint(text: string, colour: Colour | undefined, enabled: boolean | undefined): string {
  return enabled && colour ? `${ANSI[colour]}${text}${ANSI.reset}` : text;
}

function cut(text: string, width: number | undefined): string {
  if (!width || text.length < width) return text;
  return `${text.slice(0, Math.max(0, width - 2))}…`;
}

/** One line per group: "✓ cancel       [7/7] 7 passed   1.2 s", "▸ cancel       [5/7] cancel-shared-instant   0.8 s". */
export function renderProgressLines(state: ProgressState, options: RenderOptions): string[] {
  const nameWidth = Math.max(0, ...state.groups.map((g) => g.group.length));
  const counterWidth = Math.max(0, ...state.groups.map((g) => `[${g.total}/${g.total}]`.length));
  return state.groups.map((g) => {
    const phase = phaseOf(g);
    const ms = g.ms + (g.current ? Math.max(0, options.now - g.current.since) : 0);
    const fresh = g.failed - g.known;
    const icon = phase === 'done' ? (fresh ? '✗' : '✓') : phase === 'waiting' ? '·' : '▸';
    const colour: Colour | undefined = fresh
      ? 'red'
      : g.known
        ? 'yellow'
        : phase === 'done'
          ? 'green'
          : phase === 'waiting'
            ? 'dim'
            : undefined;
    const detail =
      phase === 'done'
        ? counts(g)
        : phase === 'waiting'
          ? 'waiting'
          : phase === 'awaiting'
            ? `judged at the end of the run (${[...g.awaiting].join(', ')})`
            : g.current
              ? `${g.current.id}${g.failed ? `  (${counts(g)})` : ''}`
              : counts(g);
    const time = phase === 'waiting' ? '' : `  ${formatSeconds(ms)}`;
    const plain = cut(
      `${icon} ${g.group.padEnd(nameWidth)}  ${`[${g.done}/${g.total}]`.padEnd(counterWidth)} ${detail}${time}`,
      options.width,
    );
    return paint(plain.slice(0, 1), colour, options.color) + plain.slice(1);
  });
}

/**
 * ANSI text that replaces the `previous` lines drawn last time (the cursor sits below them) with
 * `lines`: up `previous` lines, then each line cleared and written. `previous` 0 draws afresh.
 */
export function renderFrame(lines: string[], previous: number): string {
  const up = previous ? `\x1b[${previous}A` : '';
  return `${up}${lines.map((l) => `\r\x1b[2K${l}\n`).join('')}`;
}

/** ANSI text that erases the `previous` lines drawn last and leaves the cursor where they began. */
export function eraseFrame(previous: number): string {
  return previous ? `\x1b[${previous}A\r\x1b[J` : '';
}
