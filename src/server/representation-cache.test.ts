import { describe, expect, it } from 'vitest';
import type { SuiteRun } from '../domain/types.ts';
import { createRepresentationCache } from './representation-cache.ts';

const suite = (id: string): SuiteRun =>
  ({
    id,
    agent_id: null,
    trigger: 'batch',
    parent_suite_run_id: null,
    created_at: '2026-11-02T09:00:00.000Z',
    config_override: null,
    flow_version_id: null,
    flow_version_number: null,
    runs: [],
  }) as SuiteRun;

/** The bytes as text (they are a Uint8Array, which a browser build can make too). */
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('representation cache', () => {
  it('makes a representation once per suite object and again for a new version of the suite', () => {
    const cache = createRepresentationCache();
    let made = 0;
    const v1 = suite('srun_A');
    const first = cache.get(v1, () => `v1-${++made}`);
    expect(cache.get(v1, () => `v1-${++made}`)).toBe(first);
    expect(text(first)).toBe('v1-1');
    const v2 = { ...v1 }; // what the store stores after a change: a new object, same id
    expect(text(cache.get(v2, () => `v2-${++made}`))).toBe('v2-2');
    expect(cache.size).toBe(1);
  });

  it('keeps within its byte budget, dropping the least recently used first', () => {
    const cache = createRepresentationCache(30);
    const [a, b, c] = [suite('srun_A'), suite('srun_B'), suite('srun_C')];
    cache.get(a, () => 'a'.repeat(10));
    cache.get(b, () => 'b'.repeat(10));
    cache.get(a, () => 'not made: a is cached');
    cache.get(c, () => 'c'.repeat(15)); // 35 bytes in all: b, the least recently used, goes
    expect(cache.bytes).toBe(25);
    let remade = 0;
    cache.get(a, () => `${++remade}`);
    expect(remade).toBe(0);
    cache.get(b, () => `${++remade}`.padEnd(10));
    expect(remade).toBe(1);
    expect(cache.bytes).toBeLessThanOrEqual(30);
  });

  it('answers but does not keep a representation larger than the whole budget', () => {
    const cache = createRepresentationCache(8);
    expect(cache.get(suite('srun_A'), () => 'x'.repeat(9)).length).toBe(9);
    expect(cache.size).toBe(0);
  });
});
