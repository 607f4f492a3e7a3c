// The README's commands are meant to be pasted. This test pastes them: every curl line runs
// against a real `serve` or `mock` (the README's ports swapped for ephemeral ones), every
// `npx suiterun-kit` line must name a real subcommand and only flags that its --help lists, and
// every `npm run`/`npm` script it names must exist. `npm ci && npm start` / `npm test` are what CI runs.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/mock/index.ts';
import { startServer, type RunningServer } from '../src/server/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const packageJson = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> };

/** Shell lines of the README's ```sh blocks, continuations joined and trailing comments cut. */
function shellLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n'))
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line && !line.startsWith('#'));
}

const lines = shellLines(readme);
const curlLines = lines.filter((l) => l.startsWith('curl '));
const kitLines = lines.filter((l) => /^npx suiterun-kit /.test(l));
const npmLines = lines.filter((l) => /^npm /.test(l));

function helpOf(subcommand: string): string {
  return execFileSync(process.execPath, [`${root}bin/suiterun-kit.js`, subcommand, '--help'], { encoding: 'utf8' });
}

describe('README commands', () => {
  it('has commands of every kind to check', () => {
    expect(curlLines.length).toBeGreaterThan(2);
    expect(kitLines.length).toBeGreaterThan(3);
    expect(npmLines.length).toBeGreaterThan(1);
  });

  it('names only npm scripts that exist', () => {
    for (const line of npmLines) {
      for (const [, script] of line.matchAll(/npm (?:run )?([a-z:]+)/g)) {
        if (script === 'ci' || script === 'run' || script === 'install') continue;
        expect(packageJson.scripts, line).toHaveProperty(script!);
      }
    }
  });

  it('uses only subcommands and flags that the CLI has', () => {
    const helps = new Map<string, string>();
    for (const line of kitLines) {
      const [subcommand, ...rest] = line.replace(/^npx suiterun-kit /, '').split(/\s+/);
      if (!helps.has(subcommand!)) helps.set(subcommand!, helpOf(subcommand!));
      for (const flag of rest.filter((word) => word.startsWith('--'))) {
        expect(helps.get(subcommand!), `${line}: ${flag}`).toContain(flag.split('=')[0]);
      }
    }
  });

  describe('curl lines, run for real', () => {
    let server: RunningServer;
    let mock: RunningMock;
    beforeAll(async () => {
      [server, mock] = await Promise.all([startServer({ control: true, clock: 'real' }), startMock({ port: 0 })]);
    });
    afterAll(async () => {
      await Promise.all([server?.close(), mock?.close()]);
    });

    it('answer with JSON and the status the line asks for', async () => {
      for (const line of curlLines) {
        const target = line.includes(':4011') ? mock.url : server.url;
        const command = line.replace(/http:\/\/127\.0\.0\.1:401[01]/g, target);
        // Asynchronous on purpose: the servers answering run in this very process.
        const run = await promisify(execFile)('sh', ['-c', `${command} --max-time 20 -w '\\n%{http_code}'`], {
          encoding: 'utf8',
        });
        const output = run.stdout.trimEnd();
        const status = Number(output.slice(output.lastIndexOf('\n') + 1));
        const body = output.slice(0, output.lastIndexOf('\n'));
        const expected = /Prefer: code=(\d{3})/.exec(line)?.[1];
        if (expected) expect(status, line).toBe(Number(expected));
        else expect(status >= 200 && status < 300, `${line} -> ${status} ${body}`).toBe(true);
        expect(() => JSON.parse(body), line).not.toThrow();
      }
    });
  });
});
