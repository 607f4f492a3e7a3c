// HAR 1.2 in and out: `audit` reads what Chromium's devtools or Playwright's recordHar wrote;
// `verify --har` writes verify's own traffic (keys already masked) so a run can be re-audited.
import type { WireExchange } from './traffic.ts';

/** A HAR file that cannot be read: the message is one line, the CLI prints it and exits 2. */
export class HarError extends Error {}

interface HarHeader {
  name: string;
  value: string;
}

function headerRecord(list: unknown, where: string): Record<string, string> {
  if (!Array.isArray(list)) throw new HarError(`${where}.headers is not an array`);
  const out: Record<string, string> = {};
  for (const h of list as HarHeader[]) {
    if (typeof h?.name !== 'string' || typeof h.value !== 'string')
      throw new HarError(`${where}.headers holds an entry without a string name and value`);
    const name = h.name.toLowerCase();
    // HTTP/2 pseudo-headers (:authority, :path) are not headers of the exchange.
    if (name.startsWith(':')) continue;
    out[name] = out[name] === undefined ? h.value : `${out[name]}, ${h.value}`;
  }
  return out;
}

/** An entry as read: any field may be missing or of the wrong type until checked. */
interface HarEntry {
  startedDateTime?: unknown;
  time?: unknown;
  request?: { url?: unknown; method?: unknown; headers?: unknown; postData?: { text?: unknown } };
  response?: {
    status?: unknown;
    headers?: unknown;
    content?: { text?: unknown; encoding?: unknown };
    _error?: unknown;
  };
}

function bodyText(content: { text?: unknown; encoding?: unknown } | undefined): string {
  if (!content || typeof content.text !== 'string') return '';
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
}

/**
 * The exchanges of a HAR file in file order. HAR times have millisecond precision: an answer's
 * end is taken 1 ms early, so that a request sent right after it (in the same millisecond, as a
 * page awaiting each call does) counts as after it rather than as overlapping.
 */
export function parseHar(text: string): WireExchange[] {
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (error) {
    throw new HarError(`not JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const entries = (har as { log?: { entries?: unknown } })?.log?.entries;
  if (!Array.isArray(entries)) throw new HarError('not a HAR file: no log.entries array');
  return entries.map((entry, i): WireExchange => {
    const where = `log.entries[${i}]`;
    const e = entry as HarEntry | undefined;
    if (typeof e?.request?.url !== 'string' || typeof e.request.method !== 'string')
      throw new HarError(`${where}.request has no method or url`);
    let url: URL;
    try {
      url = new URL(e.request.url);
    } catch {
      throw new HarError(`${where}.request.url ${JSON.stringify(e.request.url)} is not a URL`);
    }
    const startedAt = typeof e.startedDateTime === 'string' ? Date.parse(e.startedDateTime) : NaN;
    if (Number.isNaN(startedAt)) throw new HarError(`${where}.startedDateTime is not a date`);
    const status = typeof e.response?.status === 'number' && e.response.status > 0 ? e.response.status : 0;
    const time = typeof e.time === 'number' && e.time > 0 ? e.time : 0;
    const postData = e.request.postData;
    return {
      method: e.request.method,
      path: `${url.pathname}${url.search}`,
      origin: url.origin,
      requestHeaders: headerRecord(e.request.headers, `${where}.request`),
      ...(typeof postData?.text === 'string' ? { requestBody: postData.text } : {}),
      status,
      responseHeaders: status ? headerRecord(e.response?.headers ?? [], `${where}.response`) : {},
      responseBody: bodyText(e.response?.content),
      startedAt,
      durationMs: Math.max(0, time - 1),
      ...(status ? {} : { error: String(e.response?._error ?? 'no answer') }),
    };
  });
}

const toHeaders = (record: Record<string, string>): HarHeader[] =>
  Object.entries(record).map(([name, value]) => ({ name, value }));

/** A HAR 1.2 document of these exchanges (their headers as given: mask keys before). */
export function writeHar(exchanges: readonly WireExchange[], creator: { name: string; version: string }): string {
  const entries = exchanges.map((x) => {
    const body = typeof x.responseBody === 'string' ? x.responseBody : x.responseBody.toString('utf8');
    const url = `${x.origin}${x.path}`;
    const query = [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
    return {
      startedDateTime: new Date(x.startedAt).toISOString(),
      time: x.durationMs,
      request: {
        method: x.method,
        url,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: toHeaders(x.requestHeaders),
        queryString: query,
        ...(x.requestBody !== undefined
          ? { postData: { mimeType: x.requestHeaders['content-type'] ?? 'application/json', text: x.requestBody } }
          : {}),
        headersSize: -1,
        bodySize: x.requestBody === undefined ? 0 : Buffer.byteLength(x.requestBody),
      },
      response: {
        status: x.status,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: toHeaders(x.responseHeaders),
        content: { size: Buffer.byteLength(body), mimeType: x.responseHeaders['content-type'] ?? '', text: body },
        redirectURL: '',
        headersSize: -1,
        bodySize: Buffer.byteLength(body),
        ...(x.error ? { _error: x.error } : {}),
      },
      cache: {},
      timings: { send: 0, wait: x.durationMs, receive: 0 },
    };
  });
  return `${JSON.stringify({ log: { version: '1.2', creator, entries } }, null, 2)}\n`;
}
