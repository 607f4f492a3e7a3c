// Timestamps are compared as instants, never as strings: an implementation may print
// milliseconds, microseconds or none, and any offset; the contract is silent on precision.

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/** Nanoseconds since the epoch, or undefined when the text is not an RFC 3339 date-time. */
export function toInstant(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO.exec(value);
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]!.toUpperCase()}`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = (match[2] ?? '').padEnd(9, '0').slice(0, 9);
  return BigInt(seconds) * 1_000_000n + BigInt(fraction);
}

/** Both null, or both the same instant. */
export function sameInstant(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  const x = toInstant(a);
  const y = toInstant(b);
  return x !== undefined && y !== undefined && x === y;
}

/** The latest of some timestamps (undefined when one is not a timestamp or there are none). */
export function latest(values: unknown[]): { value: unknown; instant: bigint } | undefined {
  let best: { value: unknown; instant: bigint } | undefined;
  for (const value of values) {
    const instant = toInstant(value);
    if (instant === undefined) return undefined;
    if (!best || instant > best.instant) best = { value, instant };
  }
  return best;
}
