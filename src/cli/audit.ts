// `suiterun-kit audit FILE.har`: the proxy's judgement over a recorded HAR 1.2 file (Chromium's
// devtools, Playwright's recordHar, `verify --har`), in file order.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { auditHar, findingLine, HarError } from '../../conformance/live/index.ts';
import { collect, liveTargets, REPORTER_HELP, writeReports, type LiveIo } from './live-output.ts';

export interface AuditFlags {
  reporter?: string[];
  out?: string;
}

/** Audits one HAR file and returns the exit code: 0 no finding, 1 findings, 2 could not run. */
export async function runAuditCommand(file: string, flags: AuditFlags, io: LiveIo): Promise<number> {
  const fail = (reason: string) => {
    io.stderr(`audit: could not run: ${reason}\n`);
    return 2;
  };
  const targets = liveTargets(flags.reporter, flags.out);
  if (typeof targets === 'string') return fail(targets);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a HAR file' : (code ?? (error as Error).message)}`,
    );
  }
  try {
    const report = await auditHar(text, file, (f) => io.stderr(`${findingLine(f)}\n`));
    return writeReports(report, targets, io);
  } catch (error) {
    if (error instanceof HarError) return fail(`${file}: ${error.message}`);
    throw error;
  }
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description(
      'Judge a recorded HAR 1.2 file (Chromium devtools, Playwright recordHar, verify --har) as the proxy judges live traffic. Exit 1: a rule was broken; 0: none; 2: could not run.',
    )
    .argument('<file>', 'the HAR file to judge, read in file order')
    .option('--reporter <name>', REPORTER_HELP, collect)
    .option('--out <file>', 'write the (last) reporter to this file instead of stdout')
    .action(async (file: string, flags: AuditFlags) => {
      process.exitCode = await runAuditCommand(file, flags, {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
      });
    });
}
