// `--log`: one JSON line per answered request. Never the Authorization header or the body.
import type { RequestHandler } from 'express';
import { REQUEST_ID_HEADER } from './http.ts';

export type LogSink = (line: string) => void;

export function createRequestLog(sink: LogSink): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      sink(
        JSON.stringify({
          time: new Date().toISOString(),
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          request_id: res.getHeader(REQUEST_ID_HEADER),
        }),
      );
    });
    next();
  };
}
