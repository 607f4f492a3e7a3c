// The error middleware: templates become envelopes, anything unexpected a bare internal_error.
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, CONFLICT } from '../wire/errors.ts';
import { createErrorHandler } from './app.ts';
import { assignRequestId } from './auth.ts';
import { parseBody } from './body.ts';

const reported: unknown[] = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use(assignRequestId);
  app.use(parseBody);
  app.get('/boom', () => {
    throw new Error('secret detail at /srv/app/handler.ts:12');
  });
  app.get('/async-boom', async () => {
    throw new TypeError('undefined is not a function');
  });
  app.get('/conflict', () => {
    throw new ApiError(CONFLICT, { message: 'Not now.' });
  });
  app.post('/echo', (req, res) => {
    res.json({ body: req.body ?? null });
  });
  app.use(createErrorHandler((error) => reported.push(error)));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('error middleware', () => {
  // Cleared before each case, so each case proves its own error was heard.
  beforeEach(() => {
    reported.length = 0;
  });

  it.each([
    ['/boom', Error, 'secret detail at /srv/app/handler.ts:12'],
    ['/async-boom', TypeError, 'undefined is not a function'],
  ])('%s: an unexpected error is 500 internal_error, without its message or stack', async (path, type, message) => {
    const answer = await fetch(url + path);
    expect(answer.status).toBe(500);
    const text = await answer.text();
    const body = JSON.parse(text);
    expect(body.error.code).toBe('internal_error');
    expect(body.request_id).toBe(answer.headers.get('speechify-request-id'));
    expect(text).not.toMatch(/secret|handler\.ts|TypeError|undefined is not/);
    // The server side still hears about it: this very error, once.
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(type);
    expect((reported[0] as Error).message).toBe(message);
  });

  it('an ApiError keeps its status, code and message', async () => {
    const answer = await fetch(`${url}/conflict`);
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ error: { code: 'conflict', message: 'Not now.' } });
  });

  it('gzip bodies are read; an unknown Content-Encoding is 415', async () => {
    const { gzipSync } = await import('node:zlib');
    const zipped = await fetch(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: new Uint8Array(gzipSync('{"a":1}')),
    });
    expect(await zipped.json()).toEqual({ body: { a: 1 } });
    const odd = await fetch(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'br-x' },
      body: '{}',
    });
    expect(odd.status).toBe(415);
  });

  it('a non-UTF-8 charset is 415', async () => {
    const answer = await fetch(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: '{}',
    });
    expect(answer.status).toBe(415);
    expect((await answer.json()).error.code).toBe('unsupported_media_type');
  });
});
