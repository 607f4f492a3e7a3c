// `suiterun-kit/verify`: the conformance kit as a function, for a test (like Pact's Verifier).
// The options are the `verify` command's, as values; it resolves to the report every reporter
// renders. It never exits the process and writes nothing unless `reporters` asks for it. With
// no `target` it starts the reference server in-process for the run, as the command does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runVerify, type Baseline, type VerifyOptions, type VerifyReport } from '../../conformance/index.ts';
import { REPORTERS } from '../../conformance/reporters/index.ts';
import { readBaseline } from '../cli/verify.ts';

export type * from '../../conformance/types.ts';
export {
  GROUPS,
  CATALOGUE,
  DEFAULT_KEYS,
  DEFAULT_RUNS,
  DEFAULT_TIMEOUT_MS,
  baselineOf,
  serializeBaseline,
} from '../../conformance/index.ts';
export { REPORTERS, renderSummary } from '../../conformance/reporters/index.ts';

export type ReporterName = 'default' | 'json' | 'junit' | 'html';

export interface ReporterTarget {
  /** `default` (text), `json`, `junit` or `html`. */
  name: ReporterName;
  /** Write the report to this file (directories are made); without it, to `stdout`. */
  file?: string;
}

export interface VerifyApiOptions extends Omit<VerifyOptions, 'target' | 'inProcess' | 'baseline'> {
  /** Base URL of the implementation to verify. Absent: the reference server is started in-process for the run. */
  target?: string;
  /** Known failures: a baseline object, or the path of a file written by `--write-baseline`. */
  baseline?: Baseline | string;
  /** Reports to render once the run ends. Default none: nothing is written anywhere. */
  reporters?: ReporterTarget[];
  /** Where a reporter without a `file` writes. Default `process.stdout`. */
  stdout?: (text: string) => void;
}

function reporterOf(target: ReporterTarget): (report: VerifyReport) => string {
  const render = Object.hasOwn(REPORTERS, target.name) ? REPORTERS[target.name] : undefined;
  if (!render)
    throw new TypeError(
      `verify: unknown reporter ${String(target.name)} (known: ${Object.keys(REPORTERS).join(', ')})`,
    );
  return render;
}

async function startInProcessReference(): Promise<{ url: string; close(): Promise<void> }> {
  // Loaded only when needed: verifying a target of your own never loads the reference server.
  const { startServer } = await import('../server/index.ts');
  try {
    return await startServer({ control: true, clock: 'manual' });
  } catch (error) {
    throw new Error(`verify: the in-process reference server did not start: ${(error as Error).message}`);
  }
}

/**
 * Runs the conformance kit. Resolves to the report whatever the outcome (`passed`, `failed`,
 * `could-not-run` with its `reason`); rejects only on misuse: an unknown reporter, an unusable
 * baseline file, or an in-process reference server that does not start.
 */
export async function verify(options: VerifyApiOptions = {}): Promise<VerifyReport> {
  const { target, baseline: givenBaseline, reporters = [], stdout, ...rest } = options;
  const renderers = reporters.map((r) => ({ target: r, render: reporterOf(r) }));
  const baseline = typeof givenBaseline === 'string' ? readBaseline(givenBaseline) : givenBaseline;
  if (typeof baseline === 'string') throw new Error(`verify: ${baseline}`);
  const server = target === undefined ? await startInProcessReference() : undefined;
  try {
    const report = await runVerify({
      ...rest,
      target: target ?? server!.url,
      inProcess: target === undefined,
      ...(baseline ? { baseline } : {}),
    });
    for (const { target: to, render } of renderers) {
      const text = render(report);
      if (to.file) {
        mkdirSync(dirname(to.file), { recursive: true });
        writeFileSync(to.file, text);
      } else {
        (stdout ?? ((t: string) => process.stdout.write(t)))(text);
      }
    }
    return report;
  } finally {
    await server?.close();
  }
}
