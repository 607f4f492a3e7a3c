// The API's steps run in order inside one Express middleware, each a plain (req, res, next)
// function as before. Express's router costs a few microseconds per layer (matching, params,
// prefix trimming) that these steps do not need: one layer instead of nine (and the docs router
// skipped by API paths) took the GET of a 20-child suite from ~0.75 to ~0.87 of a bare Express
// hello (npm run bench, b/a).
import type { RequestHandler } from 'express';

export function inOrder(...steps: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null && error !== 'route') {
        next(error);
        return;
      }
      const current = steps[index++];
      if (!current) {
        next();
        return;
      }
      try {
        // A step may also return a promise (Express 5 style); its rejection is an error too.
        const result = current(req, res, step) as unknown;
        if (result instanceof Promise) result.catch(step);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}

/** Only for these paths: the docs router is skipped, not walked, by every API request. */
export function onlyFor(matches: (path: string) => boolean, handler: RequestHandler): RequestHandler {
  return (req, res, next) => (matches(req.path) ? handler(req, res, next) : next());
}
