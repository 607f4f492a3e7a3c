// 200 concurrent cancels and worker advances on one 50-child suite, over real HTTP with many
// connections open at once. Every answer is a valid representation, every suite answer's
// counters add up, all cancel answers agree (with each other and with a GET afterwards), and
// no child changes again once it is terminal: checked on the answers, and on the store's own
// sequence of changes (recorded in-process, in the order the server made them; the order in
// which answers complete is not that order, so the answers are checked order-free).
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { TestRun } from '../src/domain/types.ts';
import {
  ALPHA,
  checkAgainstSpec,
  expectDerivedConsistent,
  makeSuite,
  SUITES,
  useTestServer,
  type Exchange,
  type TestServer,
} from './support/server.ts';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const CHILDREN = [
  ...Array.from({ length: 20 }, () => ({ status: 'pending' })),
  ...Array.from({ length: 20 }, () => ({ status: 'running' })),
  ...Array.from({ length: 4 }, () => ({ status: 'completed', verdict: 'passed' })),
  ...Array.from({ length: 2 }, () => ({ status: 'completed', verdict: 'failed' })),
  ...Array.from({ length: 2 }, () => ({ status: 'failed', error: 'Upstream timeout' })),
  ...Array.from({ length: 2 }, () => ({ status: 'cancelled' })),
];
const REQUESTS = 200;
const CANCELS = 60;

const api = useTestServer({ expectChecked: false });

/** A seeded generator, so that every run sends the same mix in the same order. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

interface Call {
  kind: 'cancel' | 'advance';
  method: string;
  path: string;
  body?: unknown;
}

function plan(suiteId: string, runIds: string[], random: () => number): Call[] {
  const moves = [
    { to: 'running' },
    { to: 'completed', verdict: 'passed' },
    { to: 'completed', verdict: 'failed' },
    { to: 'failed', error: 'worker died' },
  ];
  const calls: Call[] = Array.from({ length: REQUESTS - CANCELS }, () => ({
    kind: 'advance' as const,
    method: 'POST',
    path: `/_control/runs/${runIds[Math.floor(random() * runIds.length)]}/advance`,
    body: moves[Math.floor(random() * moves.length)],
  }));
  // Cancels spread through the advances, the first of them early.
  for (let i = 0; i < CANCELS; i++) {
    const at = i === 0 ? Math.floor(random() * 20) : Math.floor(random() * (calls.length + 1));
    calls.splice(at, 0, { kind: 'cancel', method: 'POST', path: `${SUITES}/${suiteId}/cancel` });
  }
  return calls;
}

function send(agent: http.Agent, url: string, call: Call): Promise<Exchange> {
  const { hostname, port } = new URL(url);
  const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string> = { authorization: `Bearer ${ALPHA}` };
  if (payload)
    Object.assign(headers, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(payload)),
    });
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: hostname, port, method: call.method, path: call.path, headers, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text ? JSON.parse(text) : undefined,
            text,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** Every change the store makes to a child, in the order it makes them. */
function recordChanges(server: TestServer['server']): { child: string; from: TestRun; to: TestRun }[] {
  const changes: { child: string; from: TestRun; to: TestRun }[] = [];
  const store = server.store;
  const cancelSuite = store.cancelSuite.bind(store);
  const advanceRun = store.advanceRun.bind(store);
  store.cancelSuite = (ws, id) => {
    const before = store.suite(ws, id)!;
    const after = cancelSuite(ws, id);
    after.runs.forEach((run, i) => {
      if (run !== before.runs[i]) changes.push({ child: run.id, from: before.runs[i]!, to: run });
    });
    return after;
  };
  store.advanceRun = (ws, id, move) => {
    const before = store.run(ws, id)!;
    const outcome = advanceRun(ws, id, move);
    if ('ok' in outcome) changes.push({ child: id, from: before, to: outcome.ok });
    return outcome;
  };
  return changes;
}

describe('concurrency: cancels and worker advances on one suite', () => {
  it(`${REQUESTS} concurrent requests: valid answers, counters that add up, one agreed cancel, terminal children never change`, async () => {
    const suite = await makeSuite(api, CHILDREN);
    const runIds: string[] = suite.runs.map((r: { id: string }) => r.id);
    const changes = recordChanges(api.server);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const calls = plan(suite.id, runIds, seeded(6));

    const completed: { call: Call; answer: Exchange }[] = [];
    await Promise.all(
      calls.map((call) => send(agent, api.url, call).then((answer) => completed.push({ call, answer }))),
    );
    agent.destroy();
    expect(completed).toHaveLength(REQUESTS);

    const views = new Map<string, string[]>(runIds.map((id) => [id, []]));
    const view = (run: Record<string, unknown>) => {
      const { test_name: _t, agent_name: _a, ...own } = run;
      views.get(run.id as string)!.push(JSON.stringify(own));
    };
    const cancelAnswers: string[] = [];
    for (const { call, answer } of completed) {
      await checkAgainstSpec(call.method, call.path, answer);
      if (call.kind === 'cancel') {
        expect(answer.status).toBe(200);
        const { total, pending, running, completed: done, failed, cancelled } = answer.body;
        expect(pending + running + done + failed + cancelled).toBe(total);
        expect(total).toBe(CHILDREN.length);
        expectDerivedConsistent(answer.body);
        cancelAnswers.push(answer.text);
        answer.body.runs.forEach(view);
      } else {
        expect([200, 409]).toContain(answer.status);
        if (answer.status === 200) view(answer.body);
      }
    }

    // One final representation: every cancel answered it, and a GET reads it.
    const final = await api.get(`${SUITES}/${suite.id}`);
    expect(final.body.status).toBe('cancelled');
    expect(new Set(cancelAnswers).size).toBe(1);
    expect(JSON.parse(cancelAnswers[0]!)).toEqual(final.body);

    // Answers, order-free: every answer that shows a child terminal shows it the same, as it ends.
    const finalRuns = new Map<string, Record<string, unknown>>(
      final.body.runs.map((r: Record<string, unknown>) => [r.id as string, r]),
    );
    for (const [id, seen] of views) {
      const terminal = [...new Set(seen.filter((v) => TERMINAL.has(JSON.parse(v).status)))];
      expect(terminal.length, `child ${id} seen terminal in ${terminal.length} different ways`).toBeLessThanOrEqual(1);
      const { test_name: _t, agent_name: _a, ...end } = finalRuns.get(id)!;
      if (terminal.length) expect(JSON.parse(terminal[0]!)).toEqual(end);
    }

    // The store, in the order it made its changes: nothing moves once terminal, and the cancel came once.
    const terminalAt = new Map<string, number>();
    changes.forEach((change, i) => {
      expect(terminalAt.has(change.child), `child ${change.child} changed at step ${i} after it was terminal`).toBe(
        false,
      );
      expect(TERMINAL.has(change.from.status)).toBe(false);
      if (TERMINAL.has(change.to.status)) terminalAt.set(change.child, i);
    });
    const cancelledByCancel = changes.filter((c) => c.to.status === 'cancelled');
    expect(new Set(cancelledByCancel.map((c) => c.to.ended_at)).size).toBe(1); // one instant: one cancel made them
    expect(changes.length).toBeGreaterThan(cancelledByCancel.length); // some advances got in before the cancel
    for (const [id, run] of finalRuns)
      if (!TERMINAL.has(run.status as string)) throw new Error(`child ${id} still ${run.status}`);
  });
});
