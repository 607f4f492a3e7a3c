// An incremental HTTP/1.1 message reader over the bytes the proxy relays. It never changes a
// byte: it only finds where each request and answer starts and ends, and keeps a copy of the
// head and body for the judge. Bodies: Content-Length, chunked, or (answers) until close.

export interface Message {
  /** Request: [method, target, version]; answer: [version, status, reason]. */
  line: [string, string, string];
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
  startedAt: number;
  endedAt: number;
}

type State = 'head' | 'fixed' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailers' | 'until-close' | 'tunnel';

const CRLF2 = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
/** A head longer than this is not HTTP the judge can read: the reader stops (the relay goes on). */
const HEAD_LIMIT = 64 * 1024;
/** Bodies are copied up to this size; a longer one is relayed whole but judged cut. */
const BODY_LIMIT = 4 * 1024 * 1024;

export interface MessageReader {
  /** Reads relayed bytes; calls onMessage for every message they complete. */
  push(chunk: Buffer): void;
  /** The connection closed: an answer read until close ends here. */
  end(): void;
  /** True between messages (nothing of the next one read yet). */
  readonly idle: boolean;
}

/**
 * `bodyless(message)` says whether a message with this head has no body whatever its headers
 * say (an answer to HEAD, a 1xx, 204 or 304); `tunnel(message)` whether the bytes after it are
 * no longer HTTP (a 101 Switching Protocols, a CONNECT's 2xx).
 */
export function createMessageReader(
  kind: 'request' | 'response',
  now: () => number,
  onMessage: (message: Message) => void,
  rules: { bodyless?: (m: Message) => boolean; tunnel?: (m: Message) => boolean } = {},
): MessageReader {
  let state: State = 'head';
  let pending: Buffer = Buffer.alloc(0);
  let current: Message | undefined;
  let remaining = 0;
  let parts: Buffer[] = [];
  let copied = 0;

  const keep = (bytes: Buffer) => {
    if (copied >= BODY_LIMIT) return;
    parts.push(bytes);
    copied += bytes.length;
  };

  const finish = () => {
    const message = current!;
    message.body = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    message.endedAt = now();
    parts = [];
    copied = 0;
    current = undefined;
    state = rules.tunnel?.(message) ? 'tunnel' : 'head';
    onMessage(message);
  };

  function startBody(message: Message): void {
    const te = message.headers['transfer-encoding'];
    const length = message.headers['content-length'];
    if (rules.bodyless?.(message)) finish();
    else if (te && /(^|,)\s*chunked\s*$/i.test(te)) state = 'chunk-size';
    else if (length !== undefined && /^\d+$/.test(length.trim())) {
      remaining = Number(length.trim());
      state = 'fixed';
      if (remaining === 0) finish();
    } else if (kind === 'request') finish();
    else state = 'until-close';
  }

  function readHead(buffer: Buffer, startedAt: number): number {
    const end = buffer.indexOf(CRLF2);
    if (end < 0) {
      if (buffer.length > HEAD_LIMIT) state = 'tunnel';
      return -1;
    }
    const lines = buffer.subarray(0, end).toString('latin1').split('\r\n');
    // Blank lines before a request line are allowed (RFC 9112 §2.2).
    while (lines[0] === '') lines.shift();
    const [a = '', b = '', ...rest] = (lines.shift() ?? '').split(' ');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = Buffer.from(line.slice(colon + 1).trim(), 'latin1').toString('utf8');
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    current = { line: [a, b, rest.join(' ')], headers, body: Buffer.alloc(0), startedAt, endedAt: startedAt };
    return end + 4;
  }

  let headStartedAt = 0;

  function step(buffer: Buffer): Buffer {
    switch (state) {
      case 'head': {
        const used = readHead(buffer, headStartedAt);
        if (used < 0) return buffer;
        startBody(current!);
        return buffer.subarray(used);
      }
      case 'fixed': {
        const take = Math.min(remaining, buffer.length);
        keep(buffer.subarray(0, take));
        remaining -= take;
        if (remaining === 0) finish();
        return buffer.subarray(take);
      }
      case 'chunk-size': {
        const end = buffer.indexOf(CRLF);
        if (end < 0) return buffer;
        const size = parseInt(buffer.subarray(0, end).toString('latin1').split(';')[0]!.trim(), 16);
        if (Number.isNaN(size)) {
          state = 'tunnel';
          return Buffer.alloc(0);
        }
        remaining = size;
        state = size === 0 ? 'trailers' : 'chunk-data';
        return buffer.subarray(end + 2);
      }
      case 'chunk-data': {
        const take = Math.min(remaining, buffer.length);
        keep(buffer.subarray(0, take));
        remaining -= take;
        if (remaining === 0) state = 'chunk-crlf';
        return buffer.subarray(take);
      }
      case 'chunk-crlf': {
        if (buffer.length < 2) return buffer;
        state = 'chunk-size';
        return buffer.subarray(2);
      }
      case 'trailers': {
        if (buffer.subarray(0, 2).equals(CRLF)) {
          finish();
          return buffer.subarray(2);
        }
        const end = buffer.indexOf(CRLF2);
        if (end < 0) return buffer;
        finish();
        return buffer.subarray(end + 4);
      }
      case 'until-close':
        keep(buffer);
        return Buffer.alloc(0);
      case 'tunnel':
        return Buffer.alloc(0);
    }
  }

  return {
    get idle() {
      return state === 'head' && pending.length === 0;
    },
    push(chunk) {
      if (state === 'tunnel') return;
      if (state === 'head' && pending.length === 0) headStartedAt = now();
      let buffer = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        const before = buffer.length;
        const wasState: State = state;
        buffer = step(buffer);
        if (state === 'head' && wasState !== 'head' && buffer.length) headStartedAt = now();
        if (buffer.length === 0 || (buffer.length === before && state === wasState)) break;
      }
      // Only an unfinished head or chunk line is kept over: bodies are taken as they come.
      pending = buffer.length ? Buffer.from(buffer) : Buffer.alloc(0);
    },
    end() {
      if (state === 'until-close' && current) finish();
    },
  };
}
