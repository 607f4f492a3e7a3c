import { describe, expect, it } from 'vitest';
import { canonicalJson, IDEMPOTENCY_TTL_MS, IdempotencyStore, requestHash } from './idempotency.ts';

describe('IdempotencyStore', () => {
  const hash = requestHash('POST', '/v1/agents/tests/runs/batch', { entries: [{ test_id: 't' }] });

  it('replays the stored answer for the same request, and conflicts on another', () => {
    const store = new IdempotencyStore(() => 0);
    expect(store.lookup('alpha', 'runTestsBatch', 'k1', hash)).toEqual({ kind: 'miss' });
    store.remember('alpha', 'runTestsBatch', 'k1', hash, { status: 202, body: { a: 1 } });
    expect(store.lookup('alpha', 'runTestsBatch', 'k1', hash)).toEqual({
      kind: 'replay',
      answer: { status: 202, body: { a: 1 } },
    });
    expect(
      store.lookup('alpha', 'runTestsBatch', 'k1', requestHash('POST', '/v1/agents/tests/runs/batch', {})),
    ).toEqual({ kind: 'conflict' });
  });

  it('scopes keys by workspace: another workspace may use the same key text for anything', () => {
    const store = new IdempotencyStore(() => 0);
    store.remember('alpha', 'runTestsBatch', 'k1', hash, { status: 202, body: {} });
    expect(store.lookup('bravo', 'runTestsBatch', 'k1', hash).kind).toBe('miss');
    expect(store.lookup('bravo', 'runTest', 'k1', requestHash('POST', '/other', null)).kind).toBe('miss');
  });

  it('binds a key to its first request: another operation, even with the same hash, is a conflict', () => {
    const store = new IdempotencyStore(() => 0);
    store.remember('alpha', 'runTestsBatch', 'k1', hash, { status: 202, body: {} });
    expect(store.lookup('alpha', 'runTest', 'k1', hash).kind).toBe('conflict');
    expect(store.lookup('alpha', 'runTest', 'k1', requestHash('POST', '/v1/agents/tests/test_X/runs', null)).kind).toBe(
      'conflict',
    );
    expect(store.lookup('alpha', 'runTestsBatch', 'k1', hash).kind).toBe('replay');
  });

  it('hashes the path, so the same operation on another path id is another request', () => {
    const a = requestHash('POST', '/v1/agents/tests/suite-runs/srun_A/resubmit', null);
    const b = requestHash('POST', '/v1/agents/tests/suite-runs/srun_B/resubmit', null);
    const store = new IdempotencyStore(() => 0);
    store.remember('alpha', 'resubmitSuiteRun', 'k1', a, { status: 202, body: {} });
    expect(store.lookup('alpha', 'resubmitSuiteRun', 'k1', b).kind).toBe('conflict');
  });

  it('forgets a key after 24 hours of the injected clock', () => {
    let now = 1_000;
    const store = new IdempotencyStore(() => now);
    store.remember('alpha', 'runTest', 'k1', hash, { status: 202, body: {} });
    now += IDEMPOTENCY_TTL_MS - 1;
    expect(store.lookup('alpha', 'runTest', 'k1', hash).kind).toBe('replay');
    now += 1;
    expect(store.lookup('alpha', 'runTest', 'k1', hash).kind).toBe('miss');
  });

  it('drops expired records when new ones arrive', () => {
    let now = 0;
    const store = new IdempotencyStore(() => now);
    for (let i = 0; i < 10; i += 1) store.remember('alpha', 'runTest', `k${i}`, hash, { status: 202, body: {} });
    now = IDEMPOTENCY_TTL_MS + 1;
    store.remember('alpha', 'runTest', 'fresh', hash, { status: 202, body: {} });
    expect(store.size).toBe(1);
  });

  it('keeps a copy of the answer, not the live object', () => {
    const store = new IdempotencyStore(() => 0);
    const body = { status: 'running' };
    store.remember('alpha', 'runTest', 'k', hash, { status: 202, body });
    body.status = 'cancelled';
    const found = store.lookup('alpha', 'runTest', 'k', hash);
    expect(found.kind === 'replay' && found.answer.body).toEqual({ status: 'running' });
  });

  it('hashes bodies by content, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe(canonicalJson({ a: [2, { c: 4, d: 3 }], b: 1 }));
    expect(requestHash('POST', '/p', { a: 1, b: 2 })).toBe(requestHash('post', '/p', { b: 2, a: 1 }));
    expect(requestHash('POST', '/p', { a: 1 })).not.toBe(requestHash('POST', '/q', { a: 1 }));
  });
});
