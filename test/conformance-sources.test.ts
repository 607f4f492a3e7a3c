// Every check cites its source (issue 9 §2): the clause of spec/openapi.yaml (`x-contract-clauses`)
// it enforces, which itself names what it follows (CONTRACT.md and/or the provider's document).
// The clause is on each check (CheckDefinition.clause, typed as a key of CLAUSES: a check without
// one, or with an unknown one, does not compile). `verify --list-checks` and every reporter show it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE, runVerify, type CheckResult, type VerifyReport } from '../conformance/index.ts';
import { CHECKS_BY_ID } from '../conformance/checks/catalogue.ts';
import { CLAUSES, CLAUSES_AT, sourceOf } from '../conformance/checks/sources.ts';
import type { CheckDefinition } from '../conformance/checks/types.ts';
import { REPORTERS, renderTerminal } from '../conformance/reporters/index.ts';
import { runVerifyCommand } from '../src/cli/verify.ts';
import { startServer } from '../src/server/index.ts';
import { captureOutput } from './support/capture.ts';

interface Clause {
  id: string;
  title: string;
  text: string;
  follows: string[];
}
const spec = parse(readFileSync(new URL('../spec/openapi.yaml', import.meta.url), 'utf8')) as {
  'x-contract-clauses': Clause[];
};
const clauses = spec['x-contract-clauses'];

describe('the clauses of spec/openapi.yaml', () => {
  it('each has a unique kebab-case id, a title, a text of its own and names what it follows', () => {
    expect(clauses.length).toBeGreaterThan(0);
    expect(new Set(clauses.map((c) => c.id)).size).toBe(clauses.length);
    for (const c of clauses) {
      expect(c.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(c.title.length, c.id).toBeGreaterThan(0);
      expect(c.text.length, c.id).toBeGreaterThan(20);
      expect(c.follows.length, c.id).toBeGreaterThan(0);
      // CONTRACT.md by section, or the provider's document (its OpenAPI document or its cancel page).
      for (const f of c.follows) expect(f, c.id).toMatch(/^(CONTRACT\.md § [A-Z]|provider (OpenAPI|cancel page))/);
    }
  });

  it('CLAUSES in conformance/checks/sources.ts says exactly what the spec says', () => {
    expect(CLAUSES).toEqual(Object.fromEntries(clauses.map((c) => [c.id, c.follows])));
  });

  it('every clause is cited by at least one check', () => {
    const cited = new Set<string>(CATALOGUE.map((c) => c.clause));
    expect(clauses.map((c) => c.id).filter((id) => !cited.has(id))).toEqual([]);
  });
});

describe('every check of the catalogue cites its source', () => {
  it.each(CATALOGUE.map((c) => [c.id, c]))('%s has a source, a clause the spec has', (id, check) => {
    const source = sourceOf(check);
    expect(
      source.follows,
      `${id} cites ${check.clause}, which CLAUSES in conformance/checks/sources.ts has not`,
    ).toBeDefined();
    const clauseId = source.clause.slice(`${CLAUSES_AT}/`.length);
    expect(source.clause.startsWith(`${CLAUSES_AT}/`)).toBe(true);
    const clause = clauses.find((c) => c.id === clauseId);
    expect(clause, `${id} cites ${clauseId}, which spec/openapi.yaml has not`).toBeDefined();
    expect(source.follows).toEqual(clause!.follows);
  });

  it('cites only clauses CLAUSES has (no cast slips an unknown one in)', () => {
    expect(CATALOGUE.filter((c) => !Object.hasOwn(CLAUSES, c.clause)).map((c) => c.id)).toEqual([]);
  });

  it('a check without a clause, or with an unknown one, is a type error', () => {
    // @ts-expect-error a check must cite its clause
    const without: CheckDefinition = { id: 'no-clause', group: 'cancel', title: 'cites nothing' };
    const unknown: CheckDefinition = {
      id: 'unknown-clause',
      group: 'cancel',
      // @ts-expect-error the clause must be one of CLAUSES (the spec's x-contract-clauses)
      clause: 'no-such-clause',
      title: 'cites nothing the spec has',
    };
    expect(without).not.toHaveProperty('clause');
    expect(Object.keys(CLAUSES)).not.toContain(unknown.clause);
  });
});

describe('the source is shown', () => {
  it('on every result of a real run (and so in the json report)', async () => {
    const server = await startServer({ control: true, clock: 'manual' });
    try {
      const report = await runVerify({ target: server.url, seed: 1, runs: 2, only: ['version', 'notfound', 'schema'] });
      expect(report.results.length).toBeGreaterThan(5);
      for (const r of report.results) expect(r.source, r.id).toEqual(sourceOf(CHECKS_BY_ID.get(r.id)!));
      expect(JSON.parse(REPORTERS.json!(report)).results[0].source.clause).toBe(report.results[0]!.source!.clause);
    } finally {
      await server.close();
    }
  });

  it('by verify --list-checks, under each check', async () => {
    const { out, io } = captureOutput();
    expect(await runVerifyCommand({ listChecks: true } as Parameters<typeof runVerifyCommand>[0], io)).toBe(0);
    const lines = out.stdout.split('\n');
    for (const check of CATALOGUE) {
      const at = lines.findIndex((l) => l.startsWith(`  ${check.id}  `));
      expect(at, check.id).toBeGreaterThanOrEqual(0);
      const source = sourceOf(check);
      expect(lines[at + 1]).toBe(`      source: ${source.clause} (follows ${source.follows.join('; ')})`);
    }
  });

  const passed: CheckResult = {
    id: 'tenancy-absent-from-lists',
    group: 'tenancy',
    title: 'another workspace',
    status: 'passed',
    source: sourceOf({ clause: 'tenancy' }),
    durationMs: 3,
    requests: 2,
  };
  const failed: CheckResult = {
    id: 'notfound-malformed-ids',
    group: 'notfound',
    title: 'malformed ids',
    status: 'failed',
    source: sourceOf({ clause: 'malformed-path-id' }),
    failure: {
      checkId: 'notfound-malformed-ids',
      title: 'malformed ids',
      message: 'expected 404, got 500',
      rule: 'notfound-malformed-ids',
      kind: 'violation',
      exchanges: [],
      repro: ['curl -sS http://127.0.0.1:9/v1'],
    },
    durationMs: 3,
    requests: 1,
  };
  const report: VerifyReport = {
    outcome: 'failed',
    reason: '1 of 2 checks failed: notfound-malformed-ids',
    target: 'http://127.0.0.1:9',
    profile: 'control',
    seed: 1,
    runs: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 6,
    requests: 3,
    results: [passed, failed],
    summary: { checks: 2, passed: 1, failed: 1, skipped: 0, known: 0 },
    notes: [],
  };

  it.each(Object.keys(REPORTERS))('by the %s reporter, for a passed and a failed check', (name) => {
    const out = REPORTERS[name]!(report);
    for (const r of [passed, failed]) {
      expect(out).toContain(r.source!.clause);
      for (const f of r.source!.follows)
        expect(out).toContain(name === 'junit' || name === 'html' ? f.replace(/&/g, '&amp;') : f);
    }
  });

  it('by the junit reporter as testcase properties', () => {
    const xml = REPORTERS.junit!(report);
    expect(xml).toContain(`<property name="source" value="${failed.source!.clause}"/>`);
    expect(xml).toMatch(
      /<testcase [^>]*name="tenancy-absent-from-lists"[^>]*>\s*<properties><property name="source"[\s\S]*?<\/properties>\s*<\/testcase>/,
    );
    expect(xml).toMatch(
      /name="notfound-malformed-ids"[^>]*>\s*<failure [\s\S]*?<\/failure>\s*<properties><property name="source"/,
    );
  });

  it('by the terminal report, on each failure', () => {
    expect(renderTerminal(report)).toContain(`source: ${failed.source!.clause}`);
  });
});
