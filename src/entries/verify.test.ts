import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReferenceServer, type ReferenceServer } from './server.ts';
import { baselineOf, serializeBaseline, verify } from './verify.ts';

let server: ReferenceServer;
let faulty: ReferenceServer;
let dir: string;

beforeAll(async () => {
  [server, faulty] = await Promise.all([
    startReferenceServer({ control: true }),
    startReferenceServer({ control: true, faults: ['short-ids'] }),
  ]);
  dir = await mkdtemp(join(tmpdir(), 'suiterun-kit-verify-api-'));
});
afterAll(async () => {
  await Promise.all([server?.close(), faulty?.close()]);
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

describe('verify()', () => {
  it('resolves to the report, never exiting and never writing to stdout unless asked', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    const exit = vi.spyOn(process, 'exit');
    const report = await verify({ target: server.url, runs: 1, seed: 7, only: ['version'] });
    expect(report.outcome).toBe('passed');
    expect(report.target).toBe(server.url);
    expect(report.seed).toBe(7);
    expect(report.profile).toBe('control');
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.every((r) => r.group === 'version')).toBe(true);
    expect(write).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
  });

  it('starts the reference server in-process when no target is given, and stops it after', async () => {
    const report = await verify({ runs: 1, only: ['version'] });
    expect(report.outcome).toBe('passed');
    expect(report.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(report.profile).toBe('control');
    await expect(fetch(`${report.target}/v1/agents/tests/suite-runs`)).rejects.toThrow();
  });

  it('finds what is broken: a failed outcome naming the failing check, as a value', async () => {
    const report = await verify({ target: faulty.url, runs: 2, only: ['ids'] });
    expect(report.outcome).toBe('failed');
    expect(report.results.filter((r) => r.status === 'failed').length).toBeGreaterThan(0);
  });

  it('answers an unreachable target with could-not-run and its reason, not a rejection', async () => {
    const closed = await startReferenceServer();
    await closed.close();
    const report = await verify({ target: closed.url, runs: 1 });
    expect(report.outcome).toBe('could-not-run');
    expect(report.reason).toContain(closed.url);
  });

  it('renders the reporters it is asked for: to a file, and to the stdout function', async () => {
    const file = join(dir, 'nested', 'report.json');
    const printed: string[] = [];
    const report = await verify({
      target: server.url,
      runs: 1,
      only: ['version'],
      reporters: [{ name: 'json', file }, { name: 'default' }],
      stdout: (text) => printed.push(text),
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      outcome: 'passed',
      target: server.url,
      seed: report.seed,
    });
    expect(printed.join('')).toContain(report.results[0]!.id);
  });

  it('takes a baseline file: its known failures do not fail the run', async () => {
    const first = await verify({ target: faulty.url, runs: 2, seed: 3, only: ['ids'] });
    expect(first.outcome).toBe('failed');
    const file = join(dir, 'baseline.json');
    await writeFile(file, serializeBaseline(baselineOf(first.results)));
    const again = await verify({ target: faulty.url, runs: 2, seed: 3, only: ['ids'], baseline: file });
    expect(again.outcome).toBe('passed');
    expect(again.baseline?.known).toEqual(first.results.filter((r) => r.status === 'failed').map((r) => r.id));
  });

  it.each([
    [
      { baseline: '/nonexistent/baseline.json' },
      /--baseline \/nonexistent\/baseline.json: cannot read it: no such file/,
    ],
    [{ reporters: [{ name: 'pdf' as never }] }, /unknown reporter pdf \(known: default, json, junit, html\)/],
  ])('rejects misuse %o with a one-line reason, before running anything', async (options, reason) => {
    await expect(verify({ target: server.url, runs: 1, ...options })).rejects.toThrow(reason);
  });
});
