// The MSW handlers behind a real HTTP port, for tools that speak HTTP (the conformance kit):
// each node request becomes a fetch Request answered by msw's own getResponse, and the control
// interface (/_control/*) is mapped onto the handlers' control object, not onto HTTP handlers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';
import { errorEnvelope } from '../../src/wire/envelope.ts';
import { ApiError, BAD_REQUEST, NOT_FOUND } from '../../src/wire/errors.ts';
import { SuiteRunControlError, type SuiteRunHandlers } from '../../src/msw/index.ts';
import { bearerKey } from '../../src/wire/bearer.ts';
import { REQUEST_ID_HEADER } from '../../src/wire/request-id.ts';
import { parseJsonBytes } from '../../src/wire/json-body.ts';

const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'expect',
  'upgrade',
  'proxy-connection',
]);

export interface MswOverHttp {
  url: string;
  close(): Promise<void>;
}

interface Plain {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function readBody(req: http.IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function refusal(error: unknown): Plain {
  if (error instanceof SuiteRunControlError)
    return {
      status: error.status,
      headers: { ...error.headers, [REQUEST_ID_HEADER]: error.body.request_id },
      body: error.body,
    };
  if (error instanceof ApiError)
    return {
      status: error.status,
      headers: { [REQUEST_ID_HEADER]: 'req_control' },
      body: errorEnvelope(error, 'req_control'),
    };
  throw error;
}

/** /_control/reset, /_control/suite-runs and /_control/runs/{id}/advance, as calls of `control`. */
function controlAnswer(
  control: SuiteRunHandlers['control'],
  req: http.IncomingMessage,
  path: string,
  bytes: Uint8Array,
): Plain {
  try {
    // An absent or malformed Authorization is a key no workspace has: 401, as on HTTP.
    const options = { apiKey: bearerKey(req.headers.authorization) ?? '' };
    const body = () =>
      parseJsonBytes(bytes, {
        contentType: req.headers['content-type'],
        contentEncoding: req.headers['content-encoding'],
      });
    const advance = /^\/_control\/runs\/([^/]+)\/advance$/.exec(path);
    if (req.method !== 'POST') throw new ApiError(NOT_FOUND);
    if (path === '/_control/reset') {
      control.reset(options);
      return { status: 204 };
    }
    if (path === '/_control/suite-runs') return { status: 201, body: control.makeSuite(body() as never, options) };
    if (advance) {
      let id = advance[1]!;
      try {
        id = decodeURIComponent(id);
      } catch {
        throw new ApiError(NOT_FOUND);
      }
      return { status: 200, body: control.advance(id, body() as never, options) };
    }
    throw new ApiError(NOT_FOUND);
  } catch (error) {
    return refusal(error);
  }
}

function writePlain(res: http.ServerResponse, answer: Plain): void {
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  if (answer.body === undefined) return void res.end();
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(answer.body));
}

export async function serveMswOverHttp(
  made: { handlers: HttpHandler[]; control: SuiteRunHandlers['control'] },
  baseUrl: string,
): Promise<MswOverHttp> {
  const server = http.createServer(async (req, res) => {
    try {
      const bytes = await readBody(req);
      const url = new URL(req.url ?? '/', baseUrl);
      if (url.pathname === '/_control' || url.pathname.startsWith('/_control/'))
        return writePlain(res, controlAnswer(made.control, req, url.pathname, bytes));
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name))
          headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const method = req.method ?? 'GET';
      const withBody = method !== 'GET' && method !== 'HEAD' && bytes.length > 0;
      const request = new Request(url, {
        method,
        headers,
        ...(withBody ? { body: bytes as Uint8Array<ArrayBuffer> } : {}),
      });
      const response = await getResponse(made.handlers, request);
      if (!response)
        return writePlain(res, refusal(new ApiError(NOT_FOUND, { message: 'Not a path of the MSW handlers.' })));
      res.statusCode = response.status;
      response.headers.forEach((value, name) => {
        res.setHeader(name, value);
      });
      res.end(new Uint8Array(await response.arrayBuffer()));
    } catch (error) {
      // A request node accepted but fetch's Request cannot carry (an odd method or URL).
      if (!res.headersSent)
        writePlain(
          res,
          refusal(
            new ApiError(BAD_REQUEST, {
              message: `Cannot be replayed as a fetch Request: ${(error as Error).message}`,
            }),
          ),
        );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
