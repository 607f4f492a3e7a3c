#!/usr/bin/env node
// The command in a clone: runs the TypeScript sources through tsx (a dev dependency), so tests and
// `node bin/suiterun-kit.js` always run the code as it is now. The published package's bin is
// dist/bin/suiterun-kit.js (package.json "bin"): the compiled CLI bundled by scripts/build.ts,
// which needs no tsx (this file is not published).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
