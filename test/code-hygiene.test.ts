// The code is kept formatted and linted (Biome, 120 columns, biome.json: the recommended lint rules,
// README's Lint says which are off) and free of dead code (knip, knip.json:
// unused files, exports, types and dependencies). Both run here so that `npm test` fails on either;
// `npm run format` fixes the first, `npm run lint:code` runs both by hand.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(script: string, args: string[]) {
  const done = spawnSync(process.execPath, [`${root}node_modules/${script}`, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: done.status, output: `${done.stdout}${done.stderr}` };
}

it('every source file is formatted as biome.json says and passes its lint rules (npm run format fixes the first)', () => {
  const biome = run('@biomejs/biome/bin/biome', ['ci', '--colors=off', '.']);
  expect(biome.status, biome.output).toBe(0);
});

it('knip finds no unused file, export, type or dependency', () => {
  const knip = run('knip/bin/knip.js', ['--no-progress', '--no-config-hints']);
  expect(knip.output.trim()).toBe('');
  expect(knip.status).toBe(0);
});
