// What a front end that imports suiterun-kit/msw pulls into its bundle (msw's `http` included).
import { createSuiteRunHandlers } from '../../../src/msw/index.ts';

(globalThis as { suiteRunHandlers?: unknown }).suiteRunHandlers = createSuiteRunHandlers;
