// Pieces of the proof that live outside the project (Debian's Chromium, util-linux `script`, the
// provider's reference document next to the project). Locally a missing piece skips its tests,
// loudly; under CI (CI=true) it fails the run, so CI can never go green with part of the proof
// skipped. .ci/run installs what is installable.
import { it } from 'vitest';

export type PieceDecision = 'run' | 'skip' | 'fail';

/** CI=true (or 1, or any value but empty, 0 or false) as CI services set it. */
export function isCi(env: Record<string, string | undefined>): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/** Present: run. Absent: fail under CI, skip elsewhere. */
export function decidePiece(present: boolean, env: Record<string, string | undefined>): PieceDecision {
  if (present) return 'run';
  return isCi(env) ? 'fail' : 'skip';
}

/** The one line a missing piece prints (skip) or fails with (CI). */
export function missingPieceMessage(piece: string, how: string, decision: Exclude<PieceDecision, 'run'>): string {
  return decision === 'fail'
    ? `${piece} is missing and CI=true: the tests that need it cannot run, so the run fails (${how})`
    : `SKIPPED: ${piece} is missing, so the tests that need it are skipped; under CI=true this fails the run (${how})`;
}

/**
 * Decides for the tests of one piece, at collection time: returns true when they can run. When
 * the piece is missing it prints a warning (local) or registers a failing test (CI).
 */
export function requirePiece(
  piece: string,
  present: boolean,
  how: string,
  env: Record<string, string | undefined> = process.env,
): boolean {
  const decision = decidePiece(present, env);
  if (decision === 'run') return true;
  const message = missingPieceMessage(piece, how, decision);
  if (decision === 'fail') {
    it(`${piece} is present (required under CI)`, () => {
      throw new Error(message);
    });
  } else {
    console.warn(`\n!! ${message}\n`);
  }
  return false;
}
