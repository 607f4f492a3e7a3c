// loopback.ts no longer asks node:net (it runs in a browser too); this keeps it answering
// exactly what the node:net version answered.
import net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback.ts';

function withNodeNet(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.toLowerCase() === 'localhost') return true;
  if (net.isIPv4(bare)) return bare.split('.')[0] === '127';
  if (net.isIPv6(bare)) {
    const lower = bare.toLowerCase();
    if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    return mapped ? withNodeNet(mapped[1]!) : false;
  }
  return false;
}

describe('isLoopbackHost without node:net', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '127.0.0.01',
    '127.1',
    '128.0.0.1',
    '0.0.0.0',
    '127.0.0.256',
    ' 127.0.0.1',
    'localhost',
    'LOCALHOST',
    '[::1]',
    '::1',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    '[::FFFF:127.9.9.9]',
    '::ffff:127.0.0.999',
    '::ffff:10.0.0.1',
    '::',
    '::2',
    'example.com',
    '',
    '[]',
  ])('%j: as node:net decided', (host) => {
    expect(isLoopbackHost(host)).toBe(withNodeNet(host));
  });

  it('agrees with the node:net version on generated dotted and colon strings', () => {
    const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('01', '00', '127', 'ffff', ''));
    const host = fc.oneof(
      fc.array(part, { minLength: 1, maxLength: 5 }).map((p) => p.join('.')),
      fc.array(part, { minLength: 1, maxLength: 4 }).map((p) => `::ffff:${p.join('.')}`),
    );
    fc.assert(
      fc.property(host, (h) => {
        expect(isLoopbackHost(h)).toBe(withNodeNet(h));
      }),
      { numRuns: 500 },
    );
  });
});
