import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // In the repo, `suiterun-kit` is the sources, as tsconfig.json's paths say; the built package is
  // tested from a packed install (test/package-consumer.test.ts).
  resolve: {
    alias: [{ find: /^suiterun-kit$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }],
  },
  test: {
    include: ['{src,conformance,test,examples,scripts,bench}/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
