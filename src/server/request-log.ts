// `--log`: one JSON line per answered request. Never the Authorization header or the body.
import type { RequestHandler } from 'express';
import { REQUEST_ID_HEADER } from '../wire/request-id.ts';

export type LogSink = (line: string) => void;

/**
 * The path as logged: never the query string (it can carry secrets: `?api_key=...`), and with
 * anything key-shaped (`sk_...`, also percent-encoded) masked, for a client that put its key
 * in the URL itself.
 */
export function loggedPath(path: string): string {
  return path.replace(/sk(_|%5f)[^/]*/gi, 'sk_[redacted]');
}

export function createRequestLog(sink: LogSink): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    let written = false;
    // 'finish' when the answer went out; 'close' alone when the client left before it did.
    const write = () => {
      if (written) return;
      written = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      sink(
        JSON.stringify({
          time: new Date().toISOString(),
          method: req.method,
          path: loggedPath(req.path),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          request_id: res.getHeader(REQUEST_ID_HEADER),
          ...(res.writableFinished ? {} : { aborted: true }),
        }),
      );
    };
    res.on('finish', write);
    res.on('close', write);
    next();
  };
}
