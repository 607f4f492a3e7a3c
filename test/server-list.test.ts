// Lists: newest first, opaque cursors, agent filter, limit bounds, test runs per test.
import { beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/server/clock.ts';
import { loadFixtures } from '../src/store/fixtures.ts';
import { BRAVO, makeSuite, SUITES, useTestServer } from './support/server.ts';

const clock = createManualClock(Date.parse('2026-11-30T12:00:00.000Z'));
const api = useTestServer({ timeSource: clock });
const fixtures = loadFixtures();
const alpha = fixtures.workspaces.find((w) => w.id === 'alpha')!;
const agentWithTests = alpha.agents.find((a) => alpha.tests.some((t) => t.agent_id === a.id))!;

beforeAll(async () => {
  // Enough suites for several pages, some at the same instant (ordered by id then).
  for (let i = 0; i < 12; i += 1) {
    await makeSuite(api, [{ status: 'pending' }]);
    if (i % 3 === 0) clock.advance(1_000);
  }
});

async function walk(path: string, limit: number, key?: string): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const answer = await api.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, key ? { key } : {});
    expect(answer.status, answer.text).toBe(200);
    const page = answer.body.suite_runs ?? answer.body.runs;
    expect(page.length).toBeLessThanOrEqual(limit);
    expect(answer.body.has_more).toBe(answer.body.next_cursor !== null);
    if (answer.body.has_more) expect(page.length).toBe(limit);
    items.push(...page);
    cursor = answer.body.next_cursor;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return { items, pages };
}

const newestFirst = (a: any, b: any) =>
  a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1;

describe('list suite runs', () => {
  it('walks every suite of the workspace once, newest first by (created_at, id)', async () => {
    const { items, pages } = await walk(SUITES, 5);
    const expectedCount = fixtures.suiteRuns.filter((s) => s.workspace === 'alpha').length + 12;
    expect(items).toHaveLength(expectedCount);
    expect(new Set(items.map((s) => s.id)).size).toBe(expectedCount);
    expect(items).toEqual([...items].sort(newestFirst));
    expect(pages).toBe(Math.ceil(expectedCount / 5));
  });

  it('list items equal the detail without runs, agent_name resolved', async () => {
    const { items } = await walk(SUITES, 200);
    for (const item of items.slice(0, 25)) {
      const { runs: _runs, ...detail } = (await api.get(`${SUITES}/${item.id}`)).body;
      expect(item).toEqual(detail);
    }
  });

  it('defaults to 50 per page', async () => {
    const answer = await api.get(SUITES);
    expect(answer.body.suite_runs.length).toBe(
      Math.min(50, fixtures.suiteRuns.filter((s) => s.workspace === 'alpha').length + 12),
    );
  });

  it('filters by agent_id', async () => {
    const { items } = await walk(`${SUITES}?agent_id=${agentWithTests.id}`, 3);
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) expect(item.agent_id).toBe(agentWithTests.id);
    const all = (await walk(SUITES, 200)).items.filter((s) => s.agent_id === agentWithTests.id);
    expect(items.map((s) => s.id)).toEqual(all.map((s) => s.id));
  });

  it.each([
    ['an unknown agent', 'agent_01M6B1YQ00KK2E5G4WKKWPGZ00'],
    ["another workspace's agent", fixtures.workspaces[1]!.agents[0]!.id],
    ['not an id at all', 'whatever'],
  ])('an agent filter for %s gives an empty page', async (_name, agentId) => {
    const answer = await api.get(`${SUITES}?agent_id=${agentId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ next_cursor: null, has_more: false, suite_runs: [] });
  });

  it('a suite made between two pages does not shift the next page', async () => {
    const first = await api.get(`${SUITES}?limit=4`);
    clock.advance(1_000);
    await makeSuite(api, [{ status: 'running' }]);
    const second = await api.get(`${SUITES}?limit=4&cursor=${first.body.next_cursor}`);
    const all = (await walk(SUITES, 200)).items.map((s) => s.id);
    expect([...first.body.suite_runs, ...second.body.suite_runs].map((s: any) => s.id)).toEqual(all.slice(1, 9));
  });

  it.each(['0', '201', '-1', '1.5', 'ten', '', '1e2'])('limit=%j is 400 validation_failed on limit', async (limit) => {
    const answer = await api.get(`${SUITES}?limit=${limit}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(answer.body.error.fields).toHaveProperty('limit');
  });

  it.each(['1', '200'])('limit=%s is accepted', async (limit) => {
    expect((await api.get(`${SUITES}?limit=${limit}`)).status).toBe(200);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['base64 of garbage', Buffer.from('{"t":1}').toString('base64url')],
    [
      'a test-run cursor',
      Buffer.from(JSON.stringify({ t: '2026-11-02T10:00:00.000Z', id: 'run_01M6DV7580JHH3VXH3J1Z0NDTA' })).toString(
        'base64url',
      ),
    ],
    ['empty', ''],
  ])('a cursor that is %s is 400', async (_name, cursor) => {
    const answer = await api.get(`${SUITES}?cursor=${encodeURIComponent(cursor)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toHaveProperty('cursor');
  });

  it('a parameter given twice is 400', async () => {
    expect((await api.get(`${SUITES}?limit=2&limit=3`)).status).toBe(400);
  });

  it("another workspace's suites never appear", async () => {
    const bravoIds = new Set((await walk(SUITES, 200, BRAVO)).items.map((s) => s.id));
    const alphaItems = (await walk(SUITES, 200)).items;
    expect(alphaItems.some((s) => bravoIds.has(s.id))).toBe(false);
    expect(bravoIds.size).toBe(fixtures.suiteRuns.filter((s) => s.workspace === 'bravo').length);
  });
});

describe('list the runs of a test', () => {
  const test = alpha.tests.find((t) => t.agent_id === agentWithTests.id)!;

  it('walks every run of the test (in suites and alone), newest first', async () => {
    for (let i = 0; i < 3; i += 1) {
      clock.advance(1_000);
      await api.post(`/v1/agents/tests/${test.id}/runs`);
    }
    const { items } = await walk(`/v1/agents/tests/${test.id}/runs`, 2);
    const inSuites = fixtures.suiteRuns
      .filter((s) => s.workspace === 'alpha')
      .flatMap((s) => s.suite.runs)
      .filter((r) => r.test_id === test.id);
    const alone = fixtures.testRuns.filter((r) => r.workspace === 'alpha' && r.run.test_id === test.id);
    expect(items.length).toBeGreaterThanOrEqual(inSuites.length + alone.length + 3);
    for (const item of items) expect(item.test_id).toBe(test.id);
    expect(items).toEqual([...items].sort(newestFirst));
    for (const item of items.slice(0, 5))
      expect((await api.get(`/v1/agents/tests/runs/${item.id}`)).body).toEqual(item);
  });

  it("another workspace's test is 404 agent_test_not_found", async () => {
    const answer = await api.get(`/v1/agents/tests/${fixtures.workspaces[1]!.tests[0]!.id}/runs`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('agent_test_not_found');
  });

  it('a bad cursor or limit is 400', async () => {
    expect((await api.get(`/v1/agents/tests/${test.id}/runs?limit=0`)).status).toBe(400);
    expect((await api.get(`/v1/agents/tests/${test.id}/runs?cursor=abc`)).status).toBe(400);
  });
});
