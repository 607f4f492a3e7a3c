// The API reference served by `serve`: the spec itself (YAML and JSON) and a page rendered from
// it by Swagger UI, whose files come from the installed swagger-ui-dist package (no CDN: the
// machines this runs on may have no internet).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Router } from 'express';
import { PUBLIC_SPEC_PATH } from '../contract/index.ts';

const require = createRequire(import.meta.url);
const swaggerUiDir = dirname(require.resolve('swagger-ui-dist/package.json'));

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Suite runs API reference</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="reference"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

// Served as a file rather than inline, so the page also works under a strict Content-Security-Policy.
const DOCS_INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
});
`;

/**
 * The spec with its `servers` naming the origin it is served from, so the reference page's "Try
 * it out" goes to this server whatever its port (the file says 4010, `npm start`'s port).
 */
function servedFrom(spec: Record<string, unknown>, origin: string | undefined): Record<string, unknown> {
  if (!origin) return spec;
  return { ...spec, servers: [{ url: origin, description: 'The server this reference is served from.' }] };
}

export function createDocsRouter(specPath: string = PUBLIC_SPEC_PATH): Router {
  const yamlText = readFileSync(specPath, 'utf8');
  // Parsed on the first request for it: parsing the spec's YAML took ~80 ms of the server's start.
  let json: Record<string, unknown> | undefined;
  const router = express.Router();
  router.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').send(yamlText);
  });
  router.get('/openapi.json', async (req, res) => {
    // The yaml package too is loaded then (~20 ms of start-up otherwise).
    json ??= (await import('yaml')).parse(yamlText) as Record<string, unknown>;
    res.json(servedFrom(json, req.get('host') ? `${req.protocol}://${req.get('host')}` : undefined));
  });
  router.get(['/docs', '/docs/'], (_req, res) => {
    res.type('html').send(DOCS_PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(DOCS_INIT);
  });
  router.use('/docs/assets', express.static(swaggerUiDir, { index: false, fallthrough: true }));
  return router;
}
