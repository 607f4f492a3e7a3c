import express from 'express';
import { describe, expect, it } from 'vitest';
import { inOrder, onlyFor } from './pipeline.ts';

async function serve(app: express.Express, path: string): Promise<{ status: number; text: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const answer = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}${path}`);
    return { status: answer.status, text: await answer.text() };
  } finally {
    server.close();
  }
}

function appWith(...steps: express.RequestHandler[]): express.Express {
  const app = express();
  app.use(inOrder(...steps));
  app.use((_req, res) => void res.status(404).send('fell through'));
  app.use(
    ((error, _req, res, _next) =>
      void res.status(500).send(`error: ${(error as Error).message}`)) as express.ErrorRequestHandler,
  );
  return app;
}

describe('inOrder', () => {
  it('runs the steps in order, each after the previous one called next (also asynchronously)', async () => {
    const seen: string[] = [];
    const app = appWith(
      (_req, _res, next) => {
        seen.push('a');
        next();
      },
      (_req, _res, next) =>
        void setTimeout(() => {
          seen.push('b');
          next();
        }, 5),
      (_req, res) => {
        seen.push('c');
        res.send(seen.join(''));
      },
    );
    expect(await serve(app, '/')).toEqual({ status: 200, text: 'abc' });
  });

  it.each([
    [
      'thrown',
      (() => {
        throw new Error('thrown');
      }) as express.RequestHandler,
    ],
    ['passed to next', ((_req, _res, next) => next(new Error('passed to next'))) as express.RequestHandler],
    [
      'a rejected promise',
      (async () => {
        throw new Error('a rejected promise');
      }) as express.RequestHandler,
    ],
  ])('an error %s goes to the error handler, and later steps do not run', async (name, failing) => {
    let later = false;
    const app = appWith(failing, (_req, _res, next) => {
      later = true;
      next();
    });
    expect(await serve(app, '/')).toEqual({ status: 500, text: `error: ${name}` });
    expect(later).toBe(false);
  });

  it('after the last step, Express goes on to what follows', async () => {
    expect(
      await serve(
        appWith((_req, _res, next) => next()),
        '/',
      ),
    ).toEqual({ status: 404, text: 'fell through' });
  });
});

describe('onlyFor', () => {
  it('calls the handler for matching paths only', async () => {
    const app = appWith(
      onlyFor(
        (p) => p.startsWith('/docs'),
        (_req, res) => void res.send('docs'),
      ),
      (_req, res) => void res.send('api'),
    );
    expect((await serve(app, '/docs/x')).text).toBe('docs');
    expect((await serve(app, '/v1/x')).text).toBe('api');
  });
});
