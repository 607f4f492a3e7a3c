// A failure says why: the rule it breaks (kind violation), or that the check never reached its
// rule (a failed set-up step, an unexpected error). Those two are reported as such by the run and
// by every reporter, so they can never stand in for a proof.
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../conformance/index.ts';
import { asSetup, CheckFailure, setupStep, unexpectedError } from '../conformance/errors.ts';
import { renderHtml, renderJson, renderJunit, renderText } from '../conformance/reporters/index.ts';
import { renderTerminal } from '../conformance/reporters/terminal.ts';
import { decideOutcome } from '../conformance/outcome.ts';
import { jsonAnswer } from '../conformance/testing/mutant-proxy.ts';
import type { CheckResult, FailureReport } from '../conformance/types.ts';
import { verifyThrough } from './support/mutant-verify.ts';
import { useTestServer } from './support/server.ts';

describe('failure kinds (pure)', () => {
  it('a CheckFailure is a violation unless told otherwise; set-up and error failures name their own rule', () => {
    expect(new CheckFailure({ message: 'x' })).toMatchObject({ kind: 'violation', rule: undefined });
    expect(new CheckFailure({ message: 'x', rule: 'id-format' })).toMatchObject({
      kind: 'violation',
      rule: 'id-format',
    });
    expect(
      asSetup(new CheckFailure({ message: 'resubmit: expected 202, got 404', rule: 'id-format' }), 'a parent'),
    ).toMatchObject({
      kind: 'setup',
      rule: 'setup',
      message: 'set-up failed (a parent): resubmit: expected 202, got 404',
    });
    expect(unexpectedError(new TypeError('boom'))).toMatchObject({ kind: 'error', rule: 'unexpected-error' });
  });

  it('setupStep turns a violation inside it into a failed set-up, and lets other kinds and other errors through', async () => {
    const violation = new CheckFailure({ message: 'no suite' });
    await expect(
      setupStep('making a suite', async () => {
        throw violation;
      }),
    ).rejects.toMatchObject({ kind: 'setup', rule: 'setup' });
    const error = unexpectedError('odd');
    await expect(
      setupStep('making a suite', async () => {
        throw error;
      }),
    ).rejects.toBe(error);
    const plain = new RangeError('plain');
    await expect(
      setupStep('making a suite', async () => {
        throw plain;
      }),
    ).rejects.toBe(plain);
    await expect(setupStep('making a suite', async () => 7)).resolves.toBe(7);
  });
});

function failure(kind: FailureReport['kind'], rule: string): FailureReport {
  return {
    checkId: `check-${kind}`,
    rule,
    kind,
    title: `check ${kind} holds`,
    message: `the ${kind} message`,
    exchanges: [],
    repro: ["curl -sS 'http://x/v1'  # -> 200"],
  };
}

function report(): VerifyReport {
  const result = (f: FailureReport): CheckResult => ({
    id: f.checkId,
    group: 'cancel',
    title: f.title,
    status: 'failed',
    failure: f,
    durationMs: 1,
    requests: 1,
  });
  const results = [
    failure('violation', 'cancel-terminal-child-unchanged'),
    failure('setup', 'setup'),
    failure('error', 'unexpected-error'),
  ].map(result);
  return {
    outcome: 'failed',
    reason: '3 of 3 checks failed',
    target: 'http://127.0.0.1:9',
    profile: 'control',
    seed: 1,
    runs: 1,
    startedAt: '2026-12-01T00:00:00.000Z',
    durationMs: 3,
    requests: 3,
    results,
    summary: { checks: 3, passed: 0, failed: 3, skipped: 0, known: 0 },
    notes: [],
  };
}

describe('every reporter shows what kind of failure it is', () => {
  it('text and terminal: the rule a violation breaks; a failed set-up or an error marked as never reaching its rule', () => {
    for (const text of [renderText(report()), renderTerminal(report())]) {
      expect(text).toMatch(/^\s*FAIL check-violation/m);
      expect(text).toContain('breaks rule cancel-terminal-child-unchanged');
      expect(text).toMatch(/FAIL\(set-up\) check-setup/);
      expect(text).toMatch(/FAIL\(error\) check-error/);
      expect(text.match(/never reached its rule, so this failure proves nothing about it/g)).toHaveLength(2);
    }
  });

  it('the one-line reason marks the checks that never reached their rule', () => {
    expect(decideOutcome(report().results).reason).toBe(
      '3 of 3 checks failed: check-violation, check-setup (set-up failed), check-error (unexpected error)',
    );
  });

  it('json: rule and kind on every failure', () => {
    const parsed = JSON.parse(renderJson(report())) as VerifyReport;
    expect(parsed.results.map((r) => [r.failure!.rule, r.failure!.kind])).toEqual([
      ['cancel-terminal-child-unchanged', 'violation'],
      ['setup', 'setup'],
      ['unexpected-error', 'error'],
    ]);
  });

  it('junit: a violation is a <failure> typed with its rule; set-up and error are <error>s, counted as errors', () => {
    const xml = renderJunit(report());
    expect(xml).toMatch(/<testsuites [^>]*failures="1" errors="2"/);
    expect(xml).toMatch(
      /name="check-violation"[^>]*>\s*<failure message="the violation message" type="cancel-terminal-child-unchanged">/,
    );
    expect(xml).toMatch(/name="check-setup"[^>]*>\s*<error message="the setup message" type="setup">/);
    expect(xml).toMatch(/name="check-error"[^>]*>\s*<error message="the error message" type="unexpected-error">/);
  });

  it('html: each failure card carries its kind and rule, and says a set-up failure proves nothing', () => {
    const page = renderHtml(report());
    expect(page).toMatch(
      /data-check="check-violation" data-kind="violation" data-rule="cancel-terminal-child-unchanged"/,
    );
    expect(page).toMatch(/data-check="check-setup" data-kind="setup" data-rule="setup"/);
    expect(page).toContain('fail: set-up');
    expect(page).toContain('fail: error');
    expect(page).toMatch(/data-kind="setup" data-rule="setup">set-up failed: the check never reached its rule/);
  });
});

describe('a run whose set-up breaks says so', () => {
  const server = useTestServer({ expectChecked: false });

  it('when the control interface stops making suites, the checks that need one fail with kind setup, not on their rules', async () => {
    let creates = 0;
    // The first create is the kit's detection probe; every later one fails.
    const run = await verifyThrough(
      server.url,
      {
        request: (req) =>
          req.method === 'POST' && req.path === '/_control/suite-runs' && ++creates > 1
            ? jsonAnswer(500, { error: { code: 'internal_error', message: 'mutant' } })
            : req,
      },
      { seed: 5, runs: 5, only: ['cancel-cancels-active-children', 'ids-well-formed', 'ids-parent-link'] },
    );
    expect(run.outcome).toBe('failed');
    expect(run.reason).toBe(
      '3 of 3 checks failed: ids-well-formed (set-up failed), ids-parent-link (set-up failed), cancel-cancels-active-children (set-up failed)',
    );
    for (const result of run.results) {
      expect(result.status, result.id).toBe('failed');
      expect({ id: result.id, rule: result.failure!.rule, kind: result.failure!.kind }).toEqual({
        id: result.id,
        rule: 'setup',
        kind: 'setup',
      });
      expect(result.failure!.message).toMatch(/^set-up failed/);
    }
  });
});
