// The browser page of the live-traffic test: page.ts bundled for the browser with vite
// (rolldown), inlined in one HTML document.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export async function bundlePage(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: fileURLToPath(new URL('./page.ts', import.meta.url)), formats: ['es'], fileName: 'page' },
    },
  });
  const result = Array.isArray(output) ? output[0]! : output;
  if (!('output' in result)) throw new Error('vite did not return a bundle');
  const chunk = result.output.find((o) => o.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('vite returned no chunk');
  const code = chunk.code.replace(/<\/script/gi, '<\\/script');
  return `<!doctype html><html><head><meta charset="utf-8"><title>live traffic</title></head><body><script type="module">${code}</script></body></html>`;
}
