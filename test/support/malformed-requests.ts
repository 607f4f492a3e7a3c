// fast-check arbitraries of malformed requests for the fuzz test: odd methods, paths with odd ids
// and encoded traversal, absurd or broken headers, bodies that are not JSON, too deep, too big, or
// framed wrongly. Ids that are well formed are never ones the store holds, so no request here can
// change anything: every answer must be a refusal, or a read.
import fc from 'fast-check';
import { validBodyArbitrary } from './id-near-miss.ts';
import type { RawRequest } from './raw-http.ts';

export const KEYS = { alpha: 'sk_test_alpha', bravo: 'sk_test_bravo', revoked: 'sk_test_revoked' } as const;

/** The spec's path templates, public and control (off in the fuzzed server, so all 404). */
const TEMPLATES = [
  '/v1/agents/tests/suite-runs',
  '/v1/agents/tests/suite-runs/{suite_run_id}',
  '/v1/agents/tests/suite-runs/{suite_run_id}/cancel',
  '/v1/agents/tests/suite-runs/{suite_run_id}/resubmit',
  '/v1/agents/{agent_id}/tests/runs',
  '/v1/agents/tests/runs/batch',
  '/v1/agents/tests/runs/{test_run_id}',
  '/v1/agents/tests/runs/{test_run_id}/cancel',
  '/v1/agents/tests/{test_id}/runs',
  '/_control/reset',
  '/_control/suite-runs',
  '/_control/runs/{test_run_id}/advance',
];

const PREFIX_OF: Record<string, string> = {
  suite_run_id: 'srun',
  test_run_id: 'run',
  test_id: 'test',
  agent_id: 'agent',
};

/** 26 Crockford characters that read as a time within range: a well-formed id nobody minted. */
const ulidBody = validBodyArbitrary();

const ODD_SEGMENTS = [
  '%2e%2e',
  '..',
  '.',
  '%2f',
  '%2F..%2F',
  '..%2f..%2f_control%2freset',
  '%00',
  '%',
  '%zz',
  '%E2%80%AE',
  '%C0%AE%C0%AE',
  '%252e%252e',
  '*',
  '{suite_run_id}',
  '$(reboot)',
  '%3Cscript%3E',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '-1',
  '0',
  '1e400',
  '',
];

function oddId(param: string): fc.Arbitrary<string> {
  const prefix = PREFIX_OF[param] ?? 'srun';
  return fc.oneof(
    ulidBody.map((b) => `${prefix}_${b}`), // well formed, unknown
    ulidBody.map((b) => `${prefix}_${b.toLowerCase()}`),
    ulidBody.map((b) => `${prefix}_${b.slice(0, 25)}`),
    ulidBody.map((b) => `${prefix}_${b}Z`),
    ulidBody.map((b) => `${prefix}_${b.slice(0, 20)}ILOU${b.slice(24)}`),
    ulidBody.map((b) => `${prefix === 'run' ? 'srun' : 'run'}_${b}`),
    ulidBody.map((b) => `${prefix}_${b.slice(0, 10)}%2F${b.slice(10)}`),
    fc.constantFrom(...ODD_SEGMENTS),
    fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s)),
    fc.constantFrom('x'.repeat(3000), `${prefix}_${'Z'.repeat(5000)}`),
    // Raw bytes node's parser refuses: a space, non-ASCII, a control character.
    fc.constantFrom('a b', 'ÿ', 'é', '\u0001', '\t'),
  );
}

const templatePath = fc.constantFrom(...TEMPLATES).chain((template) => {
  const params = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return fc
    .tuple(...params.map(oddId))
    .map((ids) => params.reduce((path, param, i) => path.replace(`{${param}}`, ids[i]!), template));
});

const traversal = fc.constantFrom(
  '/v1/%2e%2e/_control/reset',
  '/v1/agents/tests/suite-runs/..%2f..%2f..%2fpackage.json',
  '/v1/agents/tests/suite-runs/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/docs/assets/%2e%2e/%2e%2e/package.json',
  '/docs/assets/..%2f..%2f..%2fpackage.json',
  '/docs/assets/%2e%2e%5c%2e%2e%5cpackage.json',
  `/docs/assets/${'a/'.repeat(200)}`,
  '//v1//agents//tests//suite-runs',
  '/v1/agents/tests/suite-runs/.',
  '/V1/AGENTS/TESTS/SUITE-RUNS',
  '/v1/agents/tests/suite-runs;jsessionid=1',
  '/v1/agents/tests/suite-runs%00',
  '/_control',
  '/',
  '*',
  'http://127.0.0.1/v1/agents/tests/suite-runs',
  '/favicon.ico',
);

const query = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '?limit=0',
      '?limit=abc',
      '?limit=201',
      '?limit=-1',
      '?limit=1.5',
      '?limit=1&limit=2',
      '?limit=%00',
      '?limit=99999999999999999999',
      '?cursor=%ZZ',
      `?cursor=${'A'.repeat(500)}`,
      '?cursor=eyJ0IjoxfQ',
      '?agent_id=../x',
      '?agent_id=',
      '?agent_id[]=x',
      '?__proto__[x]=1',
      '?constructor=1',
      `?${'x'.repeat(10_000)}`,
      '?&&&=&=',
      '?limit=5',
    ),
  },
);

/** Paths that serve the API reference page (HTML by design): not part of the API, left out. */
export function isDocsPage(target: string): boolean {
  const path = target.split('?')[0]!;
  return ['/docs', '/docs/', '/docs/init.js', '/openapi.yaml', '/openapi.json'].includes(path);
}

const target = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: templatePath }, { weight: 1, arbitrary: traversal }), query)
  .map(([path, q]) => path + q)
  .filter((t) => !isDocsPage(t));

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'POST') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'PUT',
      'PATCH',
      'DELETE',
      'OPTIONS',
      'HEAD',
      'TRACE',
      'PROPFIND',
      'SEARCH',
      'PURGE',
      'CONNECT',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('FOO', 'get', 'G ET', 'POST\u0000', 'M-SEARCH', 'BREW') },
);

type Header = [string, string | Buffer];

const authorization: fc.Arbitrary<Header[]> = fc.oneof(
  fc.constant<Header[]>([]),
  fc.constantFrom(KEYS.alpha, KEYS.bravo, KEYS.revoked).map((k): Header[] => [['Authorization', `Bearer ${k}`]]),
  fc.constantFrom(KEYS.alpha, KEYS.revoked).map((k): Header[] => [['authorization', `bEaReR   ${k}  `]]),
  fc
    .constantFrom(
      'Bearer',
      'Bearer ',
      'Bearer sk_test_alpha extra',
      `Basic ${Buffer.from('sk_test_alpha:').toString('base64')}`,
      'sk_test_alpha',
      'Bearer sk_test_alpha\u0000',
      'Token sk_test_alpha',
      `Bearer ${'x'.repeat(8000)}`,
      `Bearer ${'y'.repeat(20_000)}`,
    )
    .map((v): Header[] => [['Authorization', v]]),
  fc.constant<Header[]>([['Authorization', Buffer.from('Bearer sk_test_\xff\xfe', 'latin1')]]),
  fc.constant<Header[]>([['Authorization', Buffer.from('Bearer sk_tést_alpha', 'utf8')]]),
  fc.constant<Header[]>([
    ['Authorization', `Bearer ${KEYS.alpha}`],
    ['Authorization', 'Bearer nope'],
  ]),
  fc.constant<Header[]>([
    ['Authorization', 'Bearer nope'],
    ['Authorization', `Bearer ${KEYS.alpha}`],
  ]),
  fc.constant<Header[]>([
    ['Authorization', `Bearer ${KEYS.revoked}`],
    ['Authorization', `Bearer ${KEYS.alpha}`],
  ]),
);

const version: fc.Arbitrary<Header[]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Header[]>([]) },
  fc
    .constantFrom(
      '2026-01-01',
      '2026-02-30',
      '2026-13-01',
      'latest',
      '',
      '2026-1-1',
      '20260101',
      '２０２６-01-01',
      '2026-01-01T00:00:00Z',
      '0000-00-00',
    )
    .map((v): Header[] => [['Speechify-Version', v]]),
  fc.constant<Header[]>([
    ['Speechify-Version', '2026-01-01'],
    ['Speechify-Version', '2026-01-02'],
  ]),
  fc.string({ maxLength: 30 }).map((v): Header[] => [['Speechify-Version', v.replace(/[\r\n]/g, '')]]),
);

const contentType: fc.Arbitrary<Header[]> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Header[]>([]) },
  { weight: 3, arbitrary: fc.constant<Header[]>([['Content-Type', 'application/json']]) },
  fc
    .constantFrom(
      'text/plain',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/vnd.api+json',
      'application/jsonx',
      'json',
      '',
      ';;;',
      '*/*',
      'text/html',
    )
    .map((v): Header[] => [['Content-Type', v]]),
  fc.constant<Header[]>([
    ['Content-Type', 'application/json'],
    ['Content-Type', 'text/plain'],
  ]),
);

const extras: fc.Arbitrary<Header[]> = fc.array(
  fc.oneof(
    fc.constantFrom<Header>(
      ['Content-Encoding', 'gzip'],
      ['Content-Encoding', 'br'],
      ['Content-Encoding', 'identity'],
      ['Content-Encoding', 'x-unknown'],
      ['Idempotency-Key', 'k'],
      ['Idempotency-Key', 'x'.repeat(300)],
      ['Idempotency-Key', ''],
      ['Expect', 'something-else'],
      ['Upgrade', 'websocket'],
      ['X-Forwarded-For', '10.0.0.1'],
      ['Accept', 'text/html'],
      ['Accept-Encoding', 'gzip, br'],
      ['Cookie', 'a=b'],
      ['Origin', 'http://evil.example'],
      ['X-Big', 'v'.repeat(12_000)],
      ['Range', 'bytes=0-10'],
      ['If-None-Match', '*'],
    ),
    fc
      .tuple(fc.constantFrom('X-A', 'x-b', 'X_Under', 'X-Ünï', 'X-Empty'), fc.string({ maxLength: 50 }))
      .map(([n, v]): Header => [n, v.replace(/[\r\n]/g, '')]),
  ),
  { maxLength: 4 },
);

const deep = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const body: fc.Arbitrary<Buffer | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
  fc
    .constantFrom(
      'not json',
      '{',
      '{"entries":',
      '[1,2',
      '1',
      '"x"',
      'null',
      'true',
      '{}',
      '[]',
      '{"entries":[]}',
      '{"entries":{}}',
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '{"a":1,"a":2}',
      '\uFEFF{}',
      '{"children":[]}',
    )
    .map((t) => Buffer.from(t)),
  ulidBody.map((b) => Buffer.from(JSON.stringify({ entries: [{ test_id: `test_${b}` }] }))),
  fc
    .constantFrom(10, 1000, 10_000)
    .map((d) => Buffer.from(`{"config_override":{"prompt":"p","deep":${deep(d)}},"x":${deep(d)}}`)),
  fc.constant(Buffer.from(deep(10_000))),
  fc.constant(Buffer.from([0xff, 0xfe, 0x7b, 0x7d])),
  fc.constant(Buffer.alloc(1024 * 1024 + 10, 0x20)), // over the 1 MB limit
);

/** How the body is framed: honestly, or with a Content-Length that lies, or chunked (well or badly). */
const framing = fc.constantFrom(
  'exact',
  'exact',
  'exact',
  'none',
  'longer',
  'shorter',
  'chunked',
  'broken-chunked',
  'length-and-chunked',
);

function frame(mode: string, payload: Buffer | undefined): { headers: Header[]; body?: Buffer; halfClose?: boolean } {
  const data = payload ?? Buffer.alloc(0);
  switch (mode) {
    case 'none':
      return payload ? { headers: [], body: data, halfClose: true } : { headers: [] };
    case 'longer':
      return { headers: [['Content-Length', String(data.length + 10)]], body: data, halfClose: true };
    case 'shorter':
      return data.length
        ? { headers: [['Content-Length', String(data.length - 1)]], body: data }
        : { headers: [['Content-Length', '-1']] };
    case 'chunked':
      return {
        headers: [['Transfer-Encoding', 'chunked']],
        body: Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n0\r\n\r\n')]),
      };
    case 'broken-chunked':
      return {
        headers: [['Transfer-Encoding', 'chunked']],
        body: Buffer.concat([Buffer.from('zz\r\n'), data]),
        halfClose: true,
      };
    case 'length-and-chunked':
      return {
        headers: [
          ['Content-Length', String(data.length)],
          ['Transfer-Encoding', 'chunked'],
        ],
        body: data,
      };
    default:
      return payload ? { headers: [['Content-Length', String(data.length)]], body: data } : { headers: [] };
  }
}

/** POST operations with ids that are well formed (and unknown): requests that get as far as the body. */
const postTarget = fc.oneof(
  { weight: 2, arbitrary: fc.constant('/v1/agents/tests/runs/batch') },
  { weight: 3, arbitrary: ulidBody.map((b) => `/v1/agents/agent_${b}/tests/runs`) },
  { weight: 1, arbitrary: ulidBody.map((b) => `/v1/agents/tests/suite-runs/srun_${b}/cancel`) },
  { weight: 1, arbitrary: ulidBody.map((b) => `/v1/agents/tests/suite-runs/srun_${b}/resubmit`) },
  { weight: 1, arbitrary: ulidBody.map((b) => `/v1/agents/tests/runs/run_${b}/cancel`) },
  { weight: 3, arbitrary: ulidBody.map((b) => `/v1/agents/tests/test_${b}/runs`) },
);

/** With a valid key and (mostly) a JSON content type: the body and its framing are what is wrong. */
const aimed = fc.record({
  method: fc.constant('POST'),
  target: postTarget,
  authorization: fc.constantFrom(KEYS.alpha, KEYS.bravo).map((k): Header[] => [['Authorization', `Bearer ${k}`]]),
  version: fc.oneof({ weight: 3, arbitrary: fc.constant<Header[]>([]) }, { weight: 1, arbitrary: version }),
  contentType: fc.oneof(
    { weight: 4, arbitrary: fc.constant<Header[]>([['Content-Type', 'application/json']]) },
    { weight: 1, arbitrary: contentType },
  ),
  // Creating operations hash their body for Idempotency-Key: give them one often.
  extras: fc
    .tuple(extras, fc.boolean())
    .map(([headers, keyed]): Header[] => (keyed ? [...headers, ['Idempotency-Key', 'fuzz']] : headers)),
  body: fc.oneof(
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(1024 * 1024 + 10, 0x20)) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(1000, 10_000)
        .map((d) => Buffer.from(`{"config_override":{"prompt":"p"},"agent_id":null,"x":${deep(d)}}`)),
    },
    { weight: 4, arbitrary: body },
  ),
  framing: fc.oneof({ weight: 2, arbitrary: fc.constant('exact') }, { weight: 1, arbitrary: framing }),
});

const anything = fc.record({ method, target, authorization, version, contentType, extras, body, framing });

export const malformedRequest: fc.Arbitrary<RawRequest> = fc
  .oneof({ weight: 2, arbitrary: anything }, { weight: 1, arbitrary: aimed })
  .map((r) => {
    const framed = frame(r.framing, r.body);
    return {
      method: r.method,
      target: r.target,
      headers: [
        ['Host', '127.0.0.1'],
        ...r.authorization,
        ...r.version,
        ...r.contentType,
        ...r.extras,
        ...framed.headers,
        ['Connection', 'close'],
      ],
      ...(framed.body ? { body: framed.body } : {}),
      ...(framed.halfClose ? { halfClose: true } : {}),
    };
  });

/** For failure reports: the request without its (possibly megabyte) body. */
export function describeRequest(request: RawRequest): string {
  const headers = request.headers
    .map(([n, v]) => `${n}: ${(typeof v === 'string' ? v : v.toString('latin1')).slice(0, 80)}`)
    .join(' | ');
  const body = request.body
    ? ` body(${request.body.length} bytes): ${request.body.subarray(0, 80).toString('latin1')}`
    : '';
  return `${JSON.stringify(request.method)} ${request.target.slice(0, 200)} [${headers}]${request.halfClose ? ' (half-closed)' : ''}${body}`;
}
