// What proxy and audit share: the reporters (verify's NAME or NAME=FILE, --out for the last),
// writing them, and the exit code (1 when a rule was broken, 0 otherwise).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LIVE_REPORTERS, type LiveReport } from '../../conformance/live/index.ts';
import { reporterTargets } from './verify.ts';

export interface LiveIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export type Targets = { name: string; file?: string }[];

export function liveTargets(reporters: string[] | undefined, out: string | undefined): Targets | string {
  return reporterTargets(reporters ?? [], out);
}

/** Renders the report to every reporter and returns the exit code. */
export function writeReports(report: LiveReport, targets: Targets, io: LiveIo): number {
  for (const target of targets) {
    const text = LIVE_REPORTERS[target.name]!(report);
    if (target.file) {
      mkdirSync(dirname(target.file), { recursive: true });
      writeFileSync(target.file, text);
    } else io.stdout(text);
  }
  io.stderr(`${report.source}: ${report.outcome === 'passed' ? 'passed' : 'FAILED'}: ${report.reason}\n`);
  return report.outcome === 'passed' ? 0 : 1;
}

export const REPORTER_HELP =
  'default, json, junit or html; NAME=FILE writes that report to FILE (repeatable; default: default)';
export const collect = (value: string, previous: string[] = []) => [...previous, value];
