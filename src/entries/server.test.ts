import { describe, expect, it } from 'vitest';
import { startReferenceServer } from './server.ts';

const AUTH = { authorization: 'Bearer sk_test_alpha' };

describe('startReferenceServer', () => {
  it('listens on a free port by default and answers with the fixtures, control off', async () => {
    const server = await startReferenceServer();
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.port).toBeGreaterThan(0);
      expect(server.controlEnabled).toBe(false);
      const list = await fetch(`${server.url}/v1/agents/tests/suite-runs?limit=1`, { headers: AUTH });
      expect(list.status).toBe(200);
      expect((await fetch(`${server.url}/_control/reset`, { method: 'POST', headers: AUTH })).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("names the fixtures' keys, the revoked one marked, each answering as it says", async () => {
    const server = await startReferenceServer({ port: 0 });
    try {
      expect(server.keys).toEqual(
        expect.arrayContaining([{ key: 'sk_test_alpha', workspace: expect.any(String), revoked: false }]),
      );
      for (const { key, revoked } of server.keys) {
        const answer = await fetch(`${server.url}/v1/agents/tests/suite-runs?limit=1`, {
          headers: { authorization: `Bearer ${key}` },
        });
        expect(answer.status, key).toBe(revoked ? 401 : 200);
      }
      expect(server.keys.some((k) => k.revoked)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('takes the options of serve: control, faults, and a log function that gets one line per request', async () => {
    const lines: string[] = [];
    const server = await startReferenceServer({
      control: true,
      faults: ['malformed-id-500'],
      log: (line) => lines.push(line),
    });
    try {
      expect(server.controlEnabled).toBe(true);
      expect((await fetch(`${server.url}/_control/reset`, { method: 'POST', headers: AUTH })).status).toBe(204);
      const malformed = await fetch(`${server.url}/v1/agents/tests/suite-runs/not-an-id`, { headers: AUTH });
      expect(malformed.status).toBe(500);
      expect(lines.map((l) => JSON.parse(l) as { path: string }).map((l) => l.path)).toEqual([
        '/_control/reset',
        '/v1/agents/tests/suite-runs/not-an-id',
      ]);
    } finally {
      await server.close();
    }
  });

  it.each([
    [{ port: -1 }, /port must be a whole number from 0 to 65535, got -1/],
    [{ port: 1.5 }, /port must be a whole number/],
    [{ failRate: 2 }, /failRate must be a number from 0 to 1, got 2/],
    [{ pendingMs: -5 }, /pendingMs must be a whole number/],
    [{ faults: ['no-such-fault' as never] }, /unknown fault\(s\): no-such-fault/],
    [{ fixtures: '/nonexistent-fixtures-dir' }, /nonexistent-fixtures-dir/],
  ])('rejects %o with a one-line reason', async (options, reason) => {
    const started = startReferenceServer(options);
    await expect(started).rejects.toThrow(reason);
    await expect(started.catch((e: Error) => e.message.includes('\n'))).resolves.toBe(false);
  });

  it('closes: new connections are refused, and a second close is harmless', async () => {
    const server = await startReferenceServer();
    await server.close();
    await server.close();
    await expect(fetch(`${server.url}/v1/agents/tests/suite-runs`, { headers: AUTH })).rejects.toThrow();
  });
});
