#!/usr/bin/env node
// The command in a clone: runs the TypeScript sources through tsx (a dev dependency), so tests and
// `node bin/suiterun-kit.js` always run the code as it is now. The published package's bin is the
// compiled dist/src/cli/main.js (package.json "bin"), which needs no tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
