// Under CI a missing piece of the proof fails the run; locally it skips, loudly.
import { describe, expect, it } from 'vitest';
import { decidePiece, isCi, missingPieceMessage } from './support/required.ts';

describe('a missing piece of the proof (Chromium, script, the reference document)', () => {
  it.each([
    [true, {}, 'run'],
    [true, { CI: 'true' }, 'run'],
    [false, {}, 'skip'],
    [false, { CI: '' }, 'skip'],
    [false, { CI: 'false' }, 'skip'],
    [false, { CI: '0' }, 'skip'],
    [false, { CI: 'true' }, 'fail'],
    [false, { CI: '1' }, 'fail'],
    [false, { CI: 'TRUE' }, 'fail'],
  ] as const)('present %s with env %j: %s', (present, env, decision) => {
    expect(decidePiece(present, env)).toBe(decision);
  });

  it('reads CI the way CI services set it', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({})).toBe(false);
  });

  it('says what is missing, how to get it, and what CI does about it', () => {
    expect(missingPieceMessage('Chromium', 'apt-get install chromium', 'fail')).toMatch(
      /^Chromium is missing and CI=true: .* the run fails \(apt-get install chromium\)$/,
    );
    expect(missingPieceMessage('Chromium', 'apt-get install chromium', 'skip')).toMatch(
      /^SKIPPED: Chromium is missing.*under CI=true this fails the run/,
    );
  });
});
