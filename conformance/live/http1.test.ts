// The reader beside the relay finds each message's end and copies its body, however the bytes
// are cut into chunks: Content-Length, chunked with extensions and trailers, bodyless answers,
// several messages in one chunk, an answer read until the connection closes.
import { describe, expect, it } from 'vitest';
import { createMessageReader, type Message } from './http1.ts';

function read(kind: 'request' | 'response', bytes: string, cut: number, rules = {}, close = false): Message[] {
  const out: Message[] = [];
  const reader = createMessageReader(
    kind,
    () => 0,
    (m) => out.push(m),
    rules,
  );
  const all = Buffer.from(bytes, 'utf8');
  for (let i = 0; i < all.length; i += cut) reader.push(all.subarray(i, i + cut));
  if (close) reader.end();
  return out;
}

const CUTS = [1, 2, 3, 7, 1000];

describe('the HTTP/1.1 reader beside the relay', () => {
  it.each(CUTS)('reads a Content-Length request and a chunked answer cut every %i bytes', (cut) => {
    const requests = read(
      'request',
      'POST /v1/x?a=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\nX-A: 1\r\nx-a: 2\r\n\r\n{"a":"é"}',
      cut,
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]!.line).toEqual(['POST', '/v1/x?a=1', 'HTTP/1.1']);
    expect(requests[0]!.headers['x-a']).toBe('1, 2');
    expect(requests[0]!.body.toString()).toBe('{"a":"é"}');
    const answers = read(
      'response',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{"a"\r\n5\r\n:[1]}\r\n0\r\nX-Trailer: t\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}',
      cut,
    );
    expect(answers.map((m) => [m.line[1], m.body.toString()])).toEqual([
      ['200', '{"a":[1]}'],
      ['404', '{}'],
    ]);
  });

  it.each(CUTS)(
    'knows bodyless answers (a 204, answers to HEAD) and answers read until close (cut every %i bytes)',
    (cut) => {
      const bodyless = read(
        'response',
        'HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n',
        cut,
        { bodyless: () => true },
      );
      expect(bodyless.map((m) => m.line[1])).toEqual(['204', '200']);
      const untilClose = read(
        'response',
        'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it',
        cut,
        {},
        true,
      );
      expect(untilClose.map((m) => m.body.toString())).toEqual(['all of it']);
    },
  );

  it('two requests in one chunk are two messages', () => {
    const two = read('request', 'GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n', 1000);
    expect(two.map((m) => m.line[1])).toEqual(['/a', '/b']);
  });
});
