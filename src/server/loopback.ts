// The control interface can put the server into any state, so it is offered only on an
// address that other machines cannot reach. No node:net: the routing that asks this is shared
// with the MSW handlers (src/msw), which run in a browser.

// node's own IPv4 grammar (net.isIPv4): four decimal parts 0..255, no leading zeros.
const V4_PART = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4 = new RegExp(`^(?:${V4_PART}\\.){3}${V4_PART}$`);

export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const lower = bare.toLowerCase();
  if (lower === 'localhost') return true;
  if (IPV4.test(bare)) return bare.split('.')[0] === '127';
  // Only these exact IPv6 spellings count (as before); none of them needs a full IPv6 parser.
  if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped ? isLoopbackHost(mapped[1]!) : false;
}
