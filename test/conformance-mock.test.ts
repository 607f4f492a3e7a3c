// The plain Prism mock against the conformance kit (issue 4): a stateless target passes every
// check that does not need state, and every check that does is skipped with its reason, never
// failed. This is what keeps `suiterun-kit mock` honest about the contract's wire basics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, runVerify, type VerifyReport } from '../conformance/index.ts';
import { startMock, type RunningMock } from '../src/mock/index.ts';

/** Checks that need a target that remembers (or the control interface, which the mock has not). */
const needsState = (id: string): boolean => {
  const needs = CATALOGUE.find((c) => c.id === id)?.needs ?? [];
  return needs.includes('state') || needs.includes('control');
};

describe('verify --no-control against the plain mock', () => {
  let mock: RunningMock;
  let report: VerifyReport;
  beforeAll(async () => {
    mock = await startMock({ port: 0 });
    report = await runVerify({ target: mock.url, noControl: true, seed: 20261130, runs: 10 });
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('runs in the stateless profile and fails no check', () => {
    expect(report.outcome, report.reason).toBe('passed');
    expect(report.profile).toBe('stateless');
    expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.failure?.message}`)).toEqual(
      [],
    );
    expect(report.results.length).toBe(CATALOGUE.length);
  });

  it('skips every check that needs state, each with its reason', () => {
    const stateful = report.results.filter((r) => needsState(r.id));
    expect(stateful.length).toBeGreaterThan(0);
    for (const r of stateful) {
      expect(r.status, r.id).toBe('skipped');
      expect(r.reason?.trim().length, r.id).toBeGreaterThan(10);
    }
  });

  it('passes every check that does not need state: schema, auth, version and the rest', () => {
    const stateless = report.results.filter((r) => !needsState(r.id));
    expect(stateless.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.status} ${r.reason ?? ''}`)).toEqual(
      [],
    );
    const passedGroups = new Set(stateless.map((r) => r.group));
    for (const group of ['schema', 'auth', 'version', 'ids', 'derivation', 'lifecycle'])
      expect(passedGroups, group).toContain(group);
    // The wire-basics checks that Prism alone fails are among them.
    const passed = stateless.map((r) => r.id);
    expect(passed).toEqual(
      expect.arrayContaining([
        'schema-body-valid',
        'schema-error-envelope',
        'schema-request-id',
        'auth-scheme-case-insensitive',
        'version-malformed-rejected',
        'lifecycle-list-rejects-bad-parameters',
      ]),
    );
  });
});
