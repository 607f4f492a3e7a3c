// verify's own traffic as HAR: every exchange of the run, keys masked as verify's repros mask
// them ($SUITERUN_API_KEY and friends), so a run can be archived and re-audited.
import { KEY_ENV } from '../http/curl.ts';
import type { Exchange, KeyRole } from '../http/exchange.ts';
import { writeHar } from './har.ts';
import type { WireExchange } from './traffic.ts';

function masker(keys: Record<KeyRole, string | undefined>): (text: string) => string {
  const pairs = (Object.entries(keys) as [KeyRole, string | undefined][])
    .filter((p): p is [KeyRole, string] => Boolean(p[1]))
    .sort((a, b) => b[1].length - a[1].length);
  return (text) => pairs.reduce((out, [role, key]) => out.split(key).join(`$${KEY_ENV[role]}`), text);
}

function toWire(exchange: Exchange, mask: (text: string) => string): WireExchange {
  const url = new URL(exchange.url);
  const requestHeaders = Object.fromEntries(
    Object.entries(exchange.requestHeaders).map(([k, v]) => [k.toLowerCase(), mask(v)]),
  );
  if (exchange.keyRole)
    requestHeaders.authorization = `${exchange.authScheme ?? 'Bearer'} $${KEY_ENV[exchange.keyRole]}`;
  return {
    method: exchange.method,
    path: `${url.pathname}${url.search}`,
    origin: url.origin,
    requestHeaders,
    ...(exchange.requestBody !== undefined ? { requestBody: mask(exchange.requestBody) } : {}),
    status: exchange.status,
    responseHeaders: exchange.responseHeaders,
    responseBody: mask(exchange.text),
    startedAt: performance.timeOrigin + exchange.startedAt,
    durationMs: exchange.endedAt - exchange.startedAt,
    ...(exchange.error ? { error: exchange.error } : {}),
  };
}

/** The HAR text of these exchanges, in the order they were sent, with every configured key masked. */
export function verifyHar(exchanges: readonly Exchange[], keys: Record<KeyRole, string | undefined>): string {
  const mask = masker(keys);
  const ordered = [...exchanges].sort((a, b) => a.startedAt - b.startedAt);
  return writeHar(
    ordered.map((e) => toWire(e, mask)),
    { name: 'suiterun-kit verify', version: '0.1.0' },
  );
}
