// SIGTERM (and SIGINT) on the real `suiterun-kit serve`: a request in flight (its body still arriving) is
// finished and answered, new connections are refused, and the process exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../src/store/fixtures.ts';
import { parseAnswer } from './support/raw-http.ts';

const BIN = fileURLToPath(new URL('../bin/suiterun-kit.js', import.meta.url));
const spawned: ChildProcess[] = [];
afterAll(() => {
  for (const child of spawned) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function waitFor(stream: NodeJS.ReadableStream, pattern: RegExp, seen: { text: string }): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(seen.text);
      if (!match) return false;
      stream.off('data', onData);
      resolve(match);
      return true;
    };
    const onData = (chunk: Buffer) => {
      seen.text += chunk.toString();
      check();
    };
    if (check()) return;
    stream.on('data', onData);
    stream.once('end', () => reject(new Error(`stream ended without ${pattern}: ${seen.text.slice(-500)}`)));
  });
}

function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('stopping serve by signal', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: finishes the request in flight, refuses new connections, exits 0',
    async (signal) => {
      const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      spawned.push(child);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const out = { text: '' };
      const err = { text: '' };
      const [, port] = await waitFor(child.stdout!, /listening on http:\/\/127\.0\.0\.1:(\d+)/, out);
      child.stdout!.resume();

      // A Run All-like batch whose body arrives in two halves, SIGTERM in between.
      const test = loadFixtures().workspaces.find((w) => w.id === 'alpha')!.tests[0]!;
      const body = Buffer.from(JSON.stringify({ entries: [{ test_id: test.id }] }));
      const head = [
        'POST /v1/agents/tests/runs/batch HTTP/1.1',
        'Host: 127.0.0.1',
        'Authorization: Bearer sk_test_alpha',
        'Content-Type: application/json',
        `Content-Length: ${body.length}`,
        'Connection: close',
        '',
        '',
      ].join('\r\n');
      const inFlight = net.connect({ port: Number(port), host: '127.0.0.1' });
      await new Promise<void>((resolve) => inFlight.once('connect', () => resolve()));
      const chunks: Buffer[] = [];
      inFlight.on('data', (chunk: Buffer) => chunks.push(chunk));
      const answered = new Promise<void>((resolve) => inFlight.once('end', () => resolve()));
      inFlight.write(Buffer.concat([Buffer.from(head), body.subarray(0, 10)]));
      // Let the server take the request in (headers parsed, body being read) before the signal.
      await new Promise((resolve) => setTimeout(resolve, 200));

      child.kill(signal);
      await waitFor(child.stderr!, new RegExp(`${signal}: finishing requests in flight`), err);
      child.stderr!.resume();
      // serve says so just before it stops listening: a connection may slip in between the two.
      let outcome = await connectOutcome(Number(port));
      for (let tries = 0; outcome === 'connected' && tries < 20; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        outcome = await connectOutcome(Number(port));
      }
      expect(outcome).toBe('ECONNREFUSED');
      expect(chunks).toHaveLength(0); // not answered yet: its body is still on the way
      expect(child.exitCode).toBeNull(); // still waiting for the request in flight

      inFlight.end(body.subarray(10));
      await answered;
      const answer = parseAnswer(Buffer.concat(chunks), true);
      expect(answer?.status).toBe(202);
      const created = JSON.parse(answer!.body.toString('utf8'));
      expect(created.suite_run.total).toBe(1);
      expect(created.runs[0].test_id).toBe(test.id);

      expect(await exited).toBe(0);
    },
  );
});
