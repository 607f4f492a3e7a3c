// The cross-exchange rules on hand-made exchange sequences: each one shown able to fail, and
// not failing what the contract allows (workers moving between reads, requests in flight together).
import { describe, expect, it } from 'vitest';
import { child, error, id, judgeSteps, suite, SUITES, type Step } from '../../test/support/live-steps.ts';

const rules = async (steps: Step[]) => (await judgeSteps(steps)).map((f) => f.rule);
const S1 = id('srun', 1);
const get = (body: Record<string, unknown>, extra: Partial<Step> = {}): Step => ({
  path: `${SUITES}/${String(body.id)}`,
  status: 200,
  body,
  ...extra,
});
const cancel = (body: Record<string, unknown>, extra: Partial<Step> = {}): Step => ({
  method: 'POST',
  path: `${SUITES}/${String(body.id)}/cancel`,
  status: 200,
  body,
  ...extra,
});

describe('hand-made traffic the contract allows', () => {
  it('finds nothing in a clean read, cancel and re-read', async () => {
    const before = suite(1, [child(1, 'completed', 'passed'), child(2, 'running')]);
    const after = suite(1, [child(1, 'completed', 'passed'), child(2, 'cancelled', undefined, 20)]);
    expect(await judgeSteps([get(before), cancel(after), get(after)])).toEqual([]);
  });

  it('lets a worker finish a running child between two reads', async () => {
    const running = suite(1, [child(1, 'running')]);
    const done = suite(1, [child(1, 'completed', 'failed')]);
    expect(await rules([get(running), get(done)])).toEqual([]);
  });
});

describe('terminal-final', () => {
  it('fails when a child seen terminal reads differently later', async () => {
    const a = suite(1, [child(1, 'completed', 'passed', 10)]);
    const b = suite(1, [child(1, 'completed', 'passed', 12)]);
    expect(await rules([get(a), get(b)])).toEqual(['terminal-final', 'terminal-final']);
  });

  it('does not compare an answer with one that ended after it started (two requests in flight)', async () => {
    const running = suite(1, [child(1, 'running')]);
    const cancelled = suite(1, [child(1, 'cancelled')]);
    // The GET was sent before the cancel answered: it may show the suite from before the cancel.
    expect(await rules([cancel(cancelled), get(running, { overlaps: true })])).toEqual([]);
    expect(await rules([cancel(cancelled), get(running)])).toContain('terminal-final');
  });
});

describe('cancel rules', () => {
  it('cancel-leaves-terminal fails when the cancel rewrites a child terminal in the last answer seen', async () => {
    const before = suite(1, [child(1, 'failed', undefined, 10), child(2, 'pending')]);
    const after = suite(1, [child(1, 'failed', undefined, 20), child(2, 'cancelled', undefined, 20)]);
    expect(await rules([get(before), cancel(after)])).toContain('cancel-leaves-terminal');
  });

  it('cancel-leaves-terminal allows a child that a worker ended before the cancel to read as it ended', async () => {
    const before = suite(1, [child(1, 'running'), child(2, 'pending')]);
    const after = suite(1, [child(1, 'completed', 'passed', 15), child(2, 'cancelled', undefined, 20)]);
    expect(await rules([get(before), cancel(after)])).toEqual([]);
  });

  it('cancel-settles fails when a child is still running in the cancel answer', async () => {
    const stale = suite(1, [child(1, 'running')]);
    expect(await rules([cancel(stale)])).toEqual(['cancel-settles', 'cancel-settles']);
  });
});

describe('tenancy-isolation and seen-stays-found', () => {
  const s = suite(1, [child(1, 'running')]);
  it('fails when a suite read with one key answers 200 to another key', async () => {
    expect(await rules([get(s), get(s, { key: 'sk_test_bravo' })])).toEqual(['tenancy-isolation']);
  });

  it('allows the 404 another workspace must get', async () => {
    expect(
      await rules([get(s), { path: `${SUITES}/${S1}`, status: 404, body: error('not_found'), key: 'sk_test_bravo' }]),
    ).toEqual([]);
  });

  it('seen-stays-found fails when the key that read a suite gets 404 for it', async () => {
    expect(await rules([get(s), { path: `${SUITES}/${S1}`, status: 404, body: error('not_found') }])).toEqual([
      'seen-stays-found',
    ]);
  });

  it('forgets what it saw after a control reset', async () => {
    const reset: Step = { method: 'POST', path: '/_control/reset', status: 204 };
    expect(await rules([get(s), reset, get(s, { key: 'sk_test_bravo' })])).toEqual([]);
  });

  it('a key never appears in a finding: keys are labels', async () => {
    const findings = await judgeSteps([get(s), get(s, { key: 'sk_live_secret_value' })]);
    expect(JSON.stringify(findings)).not.toContain('sk_live_secret_value');
    expect(JSON.stringify(findings)).not.toContain('sk_test_alpha');
    expect(findings[0]!.message).toContain('$SUITERUN_KEY_2');
  });
});

describe('idempotency', () => {
  const parent = suite(1, [child(1, 'failed')]);
  const made = suite(
    2,
    [child(3, 'pending')].map((c) => ({ ...c, test_id: id('test', 1) })),
    { trigger: 'resubmit', parent_suite_run_id: S1, agent_name: null },
  );
  const other = { ...made, id: id('srun', 3) };
  const resubmit = (status: number, body: unknown, key = 'k1', path = `${SUITES}/${S1}/resubmit`): Step => ({
    method: 'POST',
    path,
    status,
    body,
    headers: { 'idempotency-key': key },
  });

  it('idempotency-replay fails when the same key and request answer a new suite', async () => {
    const found = await rules([get(parent), resubmit(202, made), resubmit(202, other)]);
    expect(found).toContain('idempotency-replay');
    expect(await rules([get(parent), resubmit(202, made), resubmit(202, made)])).not.toContain('idempotency-replay');
  });

  it('idempotency-conflict fails when the key used for another request is accepted', async () => {
    const second = suite(4, [child(4, 'failed')]);
    const again = resubmit(
      202,
      { ...made, id: id('srun', 5), parent_suite_run_id: String(second.id) },
      'k1',
      `${SUITES}/${String(second.id)}/resubmit`,
    );
    expect(await rules([get(parent), get(second), resubmit(202, made), again])).toContain('idempotency-conflict');
    const refused = resubmit(409, error('idempotency_conflict'), 'k1', `${SUITES}/${String(second.id)}/resubmit`);
    expect(await rules([get(parent), get(second), resubmit(202, made), refused])).not.toContain('idempotency-conflict');
  });

  it('records only 2xx answers: a key whose first use was refused is free for another request', async () => {
    const second = suite(4, [child(4, 'failed')]);
    const first = resubmit(404, error('not_found'), 'k1', `${SUITES}/${id('srun', 9)}/resubmit`);
    expect(
      await rules([
        get(second),
        first,
        resubmit(
          202,
          {
            ...made,
            parent_suite_run_id: String(second.id),
            runs: [{ ...child(3, 'pending'), test_id: id('test', 4) }],
          },
          'k1',
          `${SUITES}/${String(second.id)}/resubmit`,
        ),
      ]),
    ).not.toContain('idempotency-conflict');
  });
});

describe('resubmit-reruns-failed', () => {
  const parent = suite(1, [child(1, 'completed', 'passed'), child(2, 'failed'), child(3, 'completed', 'failed')]);
  const rerun = (testIds: number[]) =>
    suite(
      2,
      testIds.map((n, i) => ({ ...child(10 + i, 'pending'), test_id: id('test', n) })),
      { trigger: 'resubmit', parent_suite_run_id: S1, agent_name: null },
    );
  const post = (body: unknown, status = 202): Step => ({
    method: 'POST',
    path: `${SUITES}/${S1}/resubmit`,
    status,
    body,
  });

  it('fails when the resubmit also re-runs a passed test', async () => {
    expect(await rules([get(parent), post(rerun([1, 2, 3]))])).toContain('resubmit-reruns-failed');
  });

  it('holds when it re-runs exactly the failed tests in order', async () => {
    expect(await rules([get(parent), post(rerun([2, 3]))])).not.toContain('resubmit-reruns-failed');
  });

  it('is not judged when the parent was last seen running (a worker may have ended it since)', async () => {
    const running = suite(1, [child(1, 'running'), child(2, 'failed')]);
    expect(await rules([get(running), post(rerun([1, 2]))])).not.toContain('resubmit-reruns-failed');
  });

  it('fails when a parent with failed tests answers 400', async () => {
    expect(await rules([get(parent), post(error('bad_request'), 400)])).toContain('resubmit-reruns-failed');
  });
});

describe('auth-first', () => {
  it('fails when a request without a key gets 404 instead of 401', async () => {
    expect(await rules([{ path: `${SUITES}/${S1}`, status: 404, body: error('not_found'), key: null }])).toEqual([
      'auth-first',
    ]);
    expect(await rules([{ path: `${SUITES}/${S1}`, status: 401, body: error('unauthorized'), key: null }])).toEqual([]);
  });

  it('holds a key refused once refused for every later path', async () => {
    const refused: Step = { path: SUITES, status: 401, body: error('unauthorized'), key: 'sk_test_revoked' };
    expect(
      await rules([
        refused,
        { path: `${SUITES}/${S1}`, status: 404, body: error('not_found'), key: 'sk_test_revoked' },
      ]),
    ).toEqual(['auth-first']);
  });
});

describe('identical answers and the control interface', () => {
  it('judges a repeated identical GET again: the same broken rule is found each time, and auth is never taken from memory', async () => {
    const broken = { ...suite(1, [child(1, 'running')]), verdict: 'passed' };
    expect(await rules([get(broken), get(broken)])).toEqual(['derivation-verdict', 'derivation-verdict']);
    const refused: Step = { path: SUITES, status: 401, body: error('unauthorized'), key: 'sk_x' };
    const ok = suite(2, [child(2, 'running')]);
    expect(await rules([get(ok, { key: 'sk_x' }), refused, get(ok, { key: 'sk_x' })])).toEqual(['auth-first']);
  });

  it('judges a control answer against the control spec, and a worker move through it does not trip terminal-final', async () => {
    const made = suite(1, [child(1, 'running')]);
    const create: Step = {
      method: 'POST',
      path: '/_control/suite-runs',
      status: 201,
      body: made,
      requestBody: { children: [{ status: 'running' }] },
    };
    expect(await rules([{ ...create, body: { ...made, total: 'two' } }])).toContain('body-valid');
    const advance = (to: Record<string, unknown>): Step => ({
      method: 'POST',
      path: `/_control/runs/${String(child(1, 'running').id)}/advance`,
      status: 200,
      body: to,
      requestBody: { to: to.status },
    });
    const { test_name: _n, agent_name: _a, ...failedRun } = child(1, 'failed');
    const { test_name: _n2, agent_name: _a2, ...completedRun } = child(1, 'completed', 'passed');
    // A control call informs the rules: after the worker ended the run, a read that shows it changed again is
    // a finding.
    expect(await rules([create, advance(failedRun), get(suite(1, [child(1, 'failed')]))])).toEqual([]);
    expect(await rules([create, advance(failedRun), advance(completedRun)])).not.toContain('terminal-final');
    expect(await rules([create, advance(failedRun), get(suite(1, [child(1, 'completed', 'passed')]))])).toContain(
      'terminal-final',
    );
  });
});
