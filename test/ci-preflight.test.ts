// .ci/preflight, run before CI's tests: on a machine without Chromium or `script` that apt-get
// cannot fix, or without the reference document, it fails the run instead of letting the tests
// that need them skip. Run with a PATH of stubs: nothing here installs anything for real.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const PREFLIGHT = resolve(import.meta.dirname, '../.ci/preflight');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A bin directory with dirname, and an apt-get stub that logs its calls and either fails or "installs" the
 * packages as stubs.
 */
function machine(options: { has: string[]; aptWorks: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-'));
  dirs.push(dir);
  const bin = join(dir, 'bin');
  const log = join(dir, 'apt.log');
  mkdirSync(bin);
  symlinkSync(resolve('/usr/bin/dirname'), join(bin, 'dirname'));
  const stub = (name: string) => {
    writeFileSync(join(bin, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, name), 0o755);
  };
  for (const name of options.has) stub(name);
  const provides: Record<string, string> = { chromium: 'chromium', bsdutils: 'script' };
  const installs = Object.entries(provides)
    .map(
      ([pkg, command]) =>
        `case " $* " in *" ${pkg} "*) printf '#!/bin/sh\\nexit 0\\n' > ${bin}/${command}; /bin/chmod +x ${bin}/${command};; esac`,
    )
    .join('\n');
  // `update` works (the mirror answers); `install` works only when asked to.
  writeFileSync(
    join(bin, 'apt-get'),
    `#!/bin/sh\necho "apt-get $*" >> ${log}\n[ "$1" = update ] && exit 0\n${options.aptWorks ? `${installs}\nexit 0` : 'exit 100'}\n`,
  );
  chmodSync(join(bin, 'apt-get'), 0o755);
  const reference = join(dir, 'reference.json');
  writeFileSync(reference, '{}');
  return {
    run(env: Record<string, string> = {}) {
      const result = spawnSync('/bin/bash', [PREFLIGHT], {
        env: { PATH: bin, SUITERUN_REFERENCE_OPENAPI: reference, ...env },
        encoding: 'utf8',
      });
      return { status: result.status, stderr: result.stderr, apt: existsSync(log) ? readFileSync(log, 'utf8') : '' };
    },
  };
}

describe('.ci/preflight', () => {
  it('fails when Chromium is missing and apt-get cannot install it (after trying)', () => {
    const run = machine({ has: ['script'], aptWorks: false }).run();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error: chromium is missing and could not be installed/);
    expect(run.apt).toMatch(/install .*chromium/);
  });

  it('fails when `script` is missing and cannot be installed', () => {
    const run = machine({ has: ['chromium'], aptWorks: false }).run();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error: script is missing and could not be installed \(apt-get install bsdutils\)/);
  });

  it('installs what is missing when apt-get can, then passes', () => {
    const run = machine({ has: [], aptWorks: true }).run();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.apt).toMatch(/install .*chromium/);
    expect(run.apt).toMatch(/install .*bsdutils/);
  });

  it('fails when the reference document is missing, whatever else is there', () => {
    const run = machine({ has: ['chromium', 'script'], aptWorks: true }).run({
      SUITERUN_REFERENCE_OPENAPI: '/nonexistent/reference.json',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error: the provider reference document \/nonexistent\/reference.json is missing/);
    expect(run.apt).toBe('');
  });
});
