// Exchanges as curl lines a person can paste. Decision (documented in the README paragraph):
// the configured keys never appear in a report; the lines use $SUITERUN_API_KEY,
// $SUITERUN_OTHER_API_KEY and $SUITERUN_REVOKED_API_KEY, and the first lines export them,
// with the value only for the bundled public test keys (sk_test_*). Deliberately wrong
// Authorization values (unknown keys, other schemes) are printed as sent.
import type { Exchange, KeyRole } from './exchange.ts';

export const KEY_ENV: Record<KeyRole, string> = {
  main: 'SUITERUN_API_KEY',
  other: 'SUITERUN_OTHER_API_KEY',
  revoked: 'SUITERUN_REVOKED_API_KEY',
};

/** Single-quote for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const SKIPPED_HEADERS = new Set(['authorization', 'accept', 'content-length']);

function toCurl(exchange: Exchange): string {
  const parts = ['curl -sS'];
  if (exchange.method !== 'GET') parts.push(`-X ${exchange.method}`);
  if (/(^|\/)(\.|%2e)/i.test(exchange.path)) parts.push('--path-as-is');
  parts.push(shellQuote(exchange.url));
  if (exchange.keyRole)
    parts.push(`-H "Authorization: ${exchange.authScheme ?? 'Bearer'} $${KEY_ENV[exchange.keyRole]}"`);
  else if (exchange.requestHeaders.authorization !== undefined) {
    parts.push(`-H ${shellQuote(`Authorization: ${exchange.requestHeaders.authorization}`)}`);
  }
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    if (SKIPPED_HEADERS.has(name)) continue;
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (exchange.requestBody !== undefined) parts.push(`--data-raw ${shellQuote(exchange.requestBody)}`);
  return parts.join(' ');
}

function answered(exchange: Exchange): string {
  return exchange.status ? `# -> ${exchange.status}` : `# -> no answer (${exchange.error ?? 'unknown error'})`;
}

/**
 * The repro of a scenario: export lines for the keys it uses, then one curl per exchange in
 * order; exchanges that overlapped in time (a race) run in the background and are awaited.
 */
export function toCurlScript(exchanges: Exchange[], keys: Record<KeyRole, string | undefined>): string[] {
  // In the order the check met them (a set-up made by another check's scope comes where this
  // check waited for it), never by the clock: checks run side by side, so their start times
  // interleave. Only one sender's own overlapping requests form a parallel group.
  const ordered = exchanges;
  const roles = [...new Set(ordered.map((e) => e.keyRole).filter((r): r is KeyRole => Boolean(r)))];
  const lines = roles.map((role) => {
    const key = keys[role] ?? '';
    const shown = /^sk_test_[A-Za-z0-9_]*$/.test(key) ? key : `<your ${role} key>`;
    return `export ${KEY_ENV[role]}=${shown}`;
  });
  let i = 0;
  while (i < ordered.length) {
    // A group: exchanges that started before the first one of the group ended.
    let end = i + 1;
    while (
      end < ordered.length &&
      ordered[end]!.origin === ordered[i]!.origin &&
      ordered[end]!.startedAt < ordered[i]!.endedAt
    )
      end++;
    const group = ordered.slice(i, end).sort((a, b) => a.startedAt - b.startedAt);
    if (group.length === 1) lines.push(`${toCurl(group[0]!)}  ${answered(group[0]!)}`);
    else {
      lines.push(`# these ${group.length} requests ran in parallel:`);
      for (const e of group) lines.push(`${toCurl(e)} &  ${answered(e)}`);
      lines.push('wait');
    }
    i = end;
  }
  return lines;
}
