#!/usr/bin/env node
// The package ships TypeScript sources; tsx compiles them on the fly so that `npx suiterun-kit`
// works from a clone and from an install alike, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
