import { describe, expect, it } from 'vitest';
import { advanceRun, type RunMove } from './advance.ts';
import { exampleRun } from '../../test/support/domain-arbitraries.ts';
import { makeResult } from './results.ts';
import type { JobStatus, TestRun } from './types.ts';

const AT = '2026-11-02T10:10:00.000Z';

const run = (status: JobStatus): TestRun => exampleRun(status);

const MOVES: Record<string, RunMove> = {
  running: { to: 'running' },
  completed: { to: 'completed', verdict: 'failed', result: makeResult('reply', 'failed', 5000) },
  failed: { to: 'failed', error: 'Upstream timeout' },
};

describe('advanceRun', () => {
  it('pending -> running sets started_at', () => {
    const out = advanceRun(run('pending'), MOVES.running!, AT);
    expect(out).toEqual({ ok: { ...run('pending'), status: 'running', started_at: AT } });
  });

  it('pending -> failed ends the run without a start', () => {
    const out = advanceRun(run('pending'), MOVES.failed!, AT);
    expect(out).toEqual({ ok: { ...run('pending'), status: 'failed', ended_at: AT, error: 'Upstream timeout' } });
  });

  it('running -> completed carries the verdict and the result', () => {
    const out = advanceRun(run('running'), MOVES.completed!, AT);
    expect('ok' in out && out.ok).toMatchObject({
      status: 'completed',
      verdict: 'failed',
      ended_at: AT,
      started_at: '2026-11-02T10:00:02.000Z',
    });
    expect('ok' in out && out.ok.result?.passed).toBe(false);
  });

  it('running -> failed keeps started_at', () => {
    const out = advanceRun(run('running'), MOVES.failed!, AT);
    expect('ok' in out && out.ok).toMatchObject({
      status: 'failed',
      ended_at: AT,
      started_at: '2026-11-02T10:00:02.000Z',
      error: 'Upstream timeout',
    });
  });

  it.each([
    ['pending', 'completed', 'illegal_move'],
    ['running', 'running', 'illegal_move'],
    ['completed', 'running', 'terminal'],
    ['completed', 'failed', 'terminal'],
    ['failed', 'completed', 'terminal'],
    ['cancelled', 'running', 'terminal'],
    ['cancelled', 'completed', 'terminal'],
    ['cancelled', 'failed', 'terminal'],
  ] as const)('%s -> %s is refused (%s)', (from, to, reason) => {
    const out = advanceRun(run(from), MOVES[to]!, AT);
    expect('error' in out && out.error.reason).toBe(reason);
  });
});
