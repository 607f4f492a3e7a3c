// Baselines: the failures a team already knows about. A gate that must be green before the
// service is fully conformant lists them; they are still reported (marked known) but do not fail
// the run, new failures do, and a listed check that passes again is reported as fixed.
//
// The file (version 1):
//   { "version": 1,
//     "failures": [ { "check": "cancel-leaves-terminal-children", "title": "..." } ] }
// `check` is a catalogue id (ids are never renamed); `title` is for people and never matched.
import { CHECKS_BY_ID } from './checks/catalogue.ts';
import { CouldNotRun } from './errors.ts';
import type { Baseline, BaselineEntry, BaselineOutcome, CheckResult } from './types.ts';

export const BASELINE_VERSION = 1;

const BASELINE_ERRORS = {
  UNREADABLE: (file: string, why: string) => `--baseline ${file}: cannot read it: ${why}`,
  NOT_JSON: (file: string, why: string) => `--baseline ${file}: not JSON: ${why}`,
  NOT_OBJECT: (file: string) => `--baseline ${file}: expected an object {"version": 1, "failures": [...]}`,
  BAD_VERSION: (file: string, version: unknown) =>
    `--baseline ${file}: "version" must be ${BASELINE_VERSION}, got ${JSON.stringify(version) ?? 'nothing'}`,
  NO_LIST: (file: string) => `--baseline ${file}: "failures" must be a list of {"check": ID, "title"?: TEXT}`,
  BAD_ENTRY: (file: string, index: number) =>
    `--baseline ${file}: failures[${index}] must be an object with a string "check" (and an optional string "title")`,
  UNKNOWN_CHECK: (file: string, index: number, id: string) =>
    `--baseline ${file}: failures[${index}].check "${id}" is no check of the catalogue (see verify --list-checks)`,
  DUPLICATE: (file: string, index: number, id: string) =>
    `--baseline ${file}: failures[${index}].check "${id}" is listed twice`,
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of a baseline file as a Baseline; anything wrong is a CouldNotRun with a one-line reason. */
export function parseBaseline(text: string, source: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CouldNotRun(BASELINE_ERRORS.NOT_JSON(source, (error as Error).message.split('\n')[0]!));
  }
  if (!isRecord(data)) throw new CouldNotRun(BASELINE_ERRORS.NOT_OBJECT(source));
  if (data.version !== BASELINE_VERSION) throw new CouldNotRun(BASELINE_ERRORS.BAD_VERSION(source, data.version));
  if (!Array.isArray(data.failures)) throw new CouldNotRun(BASELINE_ERRORS.NO_LIST(source));
  const seen = new Set<string>();
  const failures = data.failures.map((entry: unknown, index): BaselineEntry => {
    if (
      !isRecord(entry) ||
      typeof entry.check !== 'string' ||
      (entry.title !== undefined && typeof entry.title !== 'string')
    ) {
      throw new CouldNotRun(BASELINE_ERRORS.BAD_ENTRY(source, index));
    }
    if (!CHECKS_BY_ID.has(entry.check))
      throw new CouldNotRun(BASELINE_ERRORS.UNKNOWN_CHECK(source, index, entry.check));
    if (seen.has(entry.check)) throw new CouldNotRun(BASELINE_ERRORS.DUPLICATE(source, index, entry.check));
    seen.add(entry.check);
    return typeof entry.title === 'string' ? { check: entry.check, title: entry.title } : { check: entry.check };
  });
  return { version: BASELINE_VERSION, failures, source };
}

/** Marks each result the baseline lists (known when it failed, fixed when it passed) and says what the baseline did. */
export function applyBaseline(
  results: CheckResult[],
  baseline: Baseline,
): { results: CheckResult[]; outcome: BaselineOutcome } {
  const listed = new Set(baseline.failures.map((f) => f.check));
  const marked = results.map((r): CheckResult => {
    if (!listed.has(r.id)) return r;
    if (r.status === 'failed') return { ...r, baseline: 'known' };
    if (r.status === 'passed') return { ...r, baseline: 'fixed' };
    return r;
  });
  const ids = (mark: CheckResult['baseline']) => marked.filter((r) => r.baseline === mark).map((r) => r.id);
  const ran = new Set(results.filter((r) => r.status !== 'skipped').map((r) => r.id));
  return {
    results: marked,
    outcome: {
      ...(baseline.source ? { source: baseline.source } : {}),
      known: ids('known'),
      fixed: ids('fixed'),
      notRun: baseline.failures.map((f) => f.check).filter((id) => !ran.has(id)),
    },
  };
}

/**
 * The baseline of a run: every check that failed now, plus the previous baseline's entries for
 * checks that did not run this time (a run with --only must not forget them). Catalogue order.
 */
export function baselineOf(results: CheckResult[], previous?: Baseline): Baseline {
  const ran = new Set(results.filter((r) => r.status !== 'skipped').map((r) => r.id));
  const failing = new Set(results.filter((r) => r.status === 'failed').map((r) => r.id));
  for (const entry of previous?.failures ?? []) if (!ran.has(entry.check)) failing.add(entry.check);
  const failures = [...CHECKS_BY_ID.values()]
    .filter((c) => failing.has(c.id))
    .map((c) => ({ check: c.id, title: c.title }));
  return { version: BASELINE_VERSION, failures };
}

/** The file's text (stable: two-space JSON, a final newline, no `source`). */
export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify({ version: baseline.version, failures: baseline.failures }, null, 2)}\n`;
}
