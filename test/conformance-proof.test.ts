// Proof that the conformance kit works: it passes the reference server with several seeds, and
// for each deliberate fault of the reference server the expected check fails (and says why,
// with a repro). The fault list is the server's own FAULTS record, so a fault added there
// without a row in conformance/testing/fault-table.ts fails this test.
import { describe, expect, it } from 'vitest';
import { CATALOGUE, runVerify, type VerifyReport } from '../conformance/index.ts';
import { FAULT_TABLE } from '../conformance/testing/fault-table.ts';
import { FAULTS, startServer, type FaultName } from '../src/server/index.ts';
import { useTestServer } from './support/server.ts';

const failedIds = (report: VerifyReport) => report.results.filter((r) => r.status === 'failed').map((r) => r.id);

describe('verify against the reference server', () => {
  const server = useTestServer({ expectChecked: false });

  it.each([1, 20261101, 987654321])(
    'passes every check with seed %i at the default 100 runs (control profile, nothing skipped)',
    async (seed) => {
      const report = await runVerify({ target: server.url, seed });
      expect(report.outcome, report.reason).toBe('passed');
      expect(failedIds(report)).toEqual([]);
      expect(report.profile).toBe('control');
      expect(report.summary.skipped).toBe(0);
      expect(report.summary.checks).toBeGreaterThanOrEqual(50);
      expect(report.requests).toBeGreaterThan(1000);
    },
  );

  it('passes the black-box profile (--no-control), skipping only what needs the control interface, with reasons', async () => {
    const report = await runVerify({ target: server.url, seed: 7, runs: 20, noControl: true });
    expect(report.outcome, report.reason).toBe('passed');
    expect(report.profile).toBe('black-box');
    const skipped = report.results.filter((r) => r.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const r of skipped) expect(r.reason).toMatch(/control interface/);
    // The race-tolerant cancel rules and the stateless groups do run.
    const ran = report.results.filter((r) => r.status === 'passed').map((r) => r.id);
    expect(ran).toEqual(
      expect.arrayContaining([
        'cancel-black-box-race-tolerant',
        'auth-decided-first',
        'notfound-malformed-ids',
        'version-malformed-rejected',
        'derivation-status',
      ]),
    );
  });
});

describe('every fault of the reference server is caught by its expected check', () => {
  it('the table names every fault the server has', () => {
    expect(Object.keys(FAULT_TABLE).sort()).toEqual(Object.keys(FAULTS).sort());
  });

  // At the default --runs and at --runs 25: a fault must not need a long run to show.
  const rows = Object.entries(FAULT_TABLE).flatMap(([fault, e]) =>
    [undefined, 25].map((runs) => [fault as FaultName, e.check, e.rule, runs ?? 'default', e.also] as const),
  );
  it.each(rows)('%s is caught by %s, breaking rule %s (runs: %s)', async (fault, check, rule, runs, also) => {
    const server = await startServer({ control: true, clock: 'manual', faults: [fault] });
    try {
      // Only the groups of the checks that must fail: each run stays small.
      const groups = [...new Set([check, ...also].map((id) => CATALOGUE.find((c) => c.id === id)!.group))];
      const report = await runVerify({
        target: server.url,
        seed: 42,
        only: groups,
        ...(runs === 'default' ? {} : { runs }),
      });
      expect(report.outcome).toBe('failed');
      expect(failedIds(report)).toEqual(expect.arrayContaining([check, ...also]));
      const failure = report.results.find((r) => r.id === check)!.failure!;
      // Failed for the right reason: the rule the fault breaks, judged (never a failed set-up or an error).
      expect({ rule: failure.rule, kind: failure.kind }, failure.message).toEqual({ rule, kind: 'violation' });
      for (const other of also) {
        const found = report.results.find((r) => r.id === other)!.failure!;
        expect(found.kind, `${other}: ${found.message}`).toBe('violation');
      }
      expect(failure.message.length).toBeGreaterThan(10);
      expect(failure.repro.some((line) => line.startsWith('curl '))).toBe(true);
      if (failure.seed !== undefined) expect(failure.replay).toContain(`--only ${check} --seed ${failure.seed} --path`);
    } finally {
      await server.close();
    }
  });

  it('gives a failure of a check that is not a property its whole scenario, set-up first, as the repro', async () => {
    const server = await startServer({ control: true, clock: 'manual', faults: ['tenancy-leak'] });
    try {
      const report = await runVerify({ target: server.url, seed: 3, only: ['tenancy-other-workspace-suite-404'] });
      const failure = report.results[0]!.failure!;
      expect(failure.seed).toBeUndefined();
      const curls = failure.repro.filter((line) => line.startsWith('curl '));
      // The other workspace's suite is made first, so the leaking GET can be pasted and seen.
      const made = curls.findIndex((line) => line.includes('/_control/suite-runs'));
      const leaked = curls.findIndex(
        (line) => line.includes('$SUITERUN_API_KEY') && line.includes('/suite-runs/srun_'),
      );
      expect(made).toBeGreaterThanOrEqual(0);
      expect(leaked).toBeGreaterThan(made);
    } finally {
      await server.close();
    }
  });

  // Both read a failure and its replay from the same server; neither needs a fresh store (the
  // seed-16 sequence fails and shrinks the same after other runs filled it).
  describe('with cancel-skips-running', () => {
    const server = useTestServer({ faults: ['cancel-skips-running'], expectChecked: false });

    it('prints a shrunk command sequence as it failed, not as a later shrink candidate relabelled it (seed 16)', async () => {
      // With seed 16 the search for a shorter sequence runs, after the counterexample, a candidate
      // that passes and reuses its command objects: rendered after the search, one step read
      // "child 0: failed -> running" for a child that was pending. The replay renders it as it ran.
      const only = ['lifecycle-model-sequences'];
      const first = (await runVerify({ target: server.url, runs: 100, seed: 16, only })).results[0]!.failure!;
      const again = await runVerify({ target: server.url, only, seed: first.seed!, path: first.path! });
      expect(again.results[0]!.failure!.scenario).toBe(first.scenario);
    });

    it('replays a failure exactly from the --seed and --path it prints (a shrunk command sequence too)', async () => {
      // A fault that shows whatever the timing (a running child stays running), so the replay is exact.
      for (const check of ['cancel-cancels-active-children', 'lifecycle-model-sequences']) {
        const report = await runVerify({ target: server.url, runs: 100, only: [check] });
        const first = report.results[0]!.failure!;
        expect(first.scenario).toBeTruthy();
        const again = await runVerify({ target: server.url, only: [check], seed: first.seed!, path: first.path! });
        const replayed = again.results[0]!.failure!;
        expect(replayed.scenario).toBe(first.scenario);
        expect(replayed.message.replace(/\w+_[0-9A-Z]{26}|[0-9T:.-]{20,}Z/g, '#')).toBe(
          first.message.replace(/\w+_[0-9A-Z]{26}|[0-9T:.-]{20,}Z/g, '#'),
        );
        // A replay runs the counterexample alone: as many requests as its repro, plus connecting.
        expect(again.requests).toBeLessThanOrEqual(replayed.repro.filter((l) => l.startsWith('curl ')).length + 4);
      }
    });
  });
});
