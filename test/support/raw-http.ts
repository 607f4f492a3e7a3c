// A raw HTTP/1.1 client over node:net for the robustness tests: it sends exactly the bytes it is
// given (any method token, unencoded paths, non-ASCII header bytes, duplicate headers, a
// Content-Length that lies), which node's own client and fetch refuse to send.
import net from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string[]>;
  body: Buffer;
}

export type RawOutcome = { answer: RawAnswer } | { noAnswer: string };

export interface RawRequest {
  method: string;
  /** Sent as is: not encoded, not normalised. */
  target: string;
  /** In order; a name may repeat. Values may be Buffers (raw bytes). */
  headers: [string, string | Buffer][];
  body?: Buffer;
  /** Close our side after sending (needed when Content-Length promises more than is sent). */
  halfClose?: boolean;
}

function serialize(request: RawRequest): Buffer {
  const head: Buffer[] = [Buffer.from(`${request.method} ${request.target} HTTP/1.1\r\n`, 'latin1')];
  for (const [name, value] of request.headers) {
    head.push(
      Buffer.from(`${name}: `, 'latin1'),
      typeof value === 'string' ? Buffer.from(value, 'latin1') : value,
      Buffer.from('\r\n'),
    );
  }
  head.push(Buffer.from('\r\n'));
  return Buffer.concat([...head, request.body ?? Buffer.alloc(0)]);
}

/** The first final (non-1xx) answer in `data`, once it is complete (`headOnly`: an answer to HEAD, no body). */
export function parseAnswer(data: Buffer, complete: boolean, headOnly = false): RawAnswer | undefined {
  let offset = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', offset);
    if (end < 0) return undefined;
    const lines = data.subarray(offset, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0]!)?.[1] ?? NaN);
    if (Number.isNaN(status)) throw new Error(`not an HTTP answer: ${JSON.stringify(lines[0])}`);
    if (status >= 100 && status < 200) {
      offset = end + 4;
      continue;
    }
    const headers: Record<string, string[]> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const values = headers[name] ?? [];
      headers[name] = values;
      values.push(line.slice(colon + 1).trim());
    }
    const rest = data.subarray(end + 4);
    if (headOnly) return { status, headers, body: Buffer.alloc(0) };
    const length = headers['content-length']?.[0];
    if (length !== undefined) {
      if (rest.length < Number(length)) return undefined;
      return { status, headers, body: rest.subarray(0, Number(length)) };
    }
    // No length: the body runs to the end of the connection (or there is none, as for HEAD).
    return complete ? { status, headers, body: rest } : undefined;
  }
}

/**
 * Sends one request on a fresh connection and reads the first answer. A HEAD answer has no body
 * whatever its Content-Length says, so it is complete at the end of its headers.
 */
export function sendRaw(port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawOutcome> {
  const bytes = serialize(request);
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const tryParse = (complete: boolean) => parseAnswer(Buffer.concat(chunks), complete, request.method === 'HEAD');
    const timer = setTimeout(() => finish({ noAnswer: `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const answer = tryParse(false);
      if (answer) finish({ answer });
    });
    socket.on('end', () => {
      const answer = tryParse(true);
      finish(answer ? { answer } : { noAnswer: `connection closed after ${Buffer.concat(chunks).length} bytes` });
    });
    // The server may close while we are still sending a body it refused: what it answered counts.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const answer = tryParse(true);
      finish(answer ? { answer } : { noAnswer: `connection error ${error.code}` });
    });
    socket.write(bytes);
    if (request.halfClose) socket.end();
  });
}
