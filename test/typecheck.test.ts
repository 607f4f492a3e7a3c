// vitest strips types without checking them; this runs the real compiler over the whole
// project (sources, tests, examples, bench), so a type error anywhere fails `npm test`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('the whole project type-checks with tsc --noEmit (strict)', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = spawnSync(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, '--noEmit', '--pretty', 'false', '-p', root],
    { encoding: 'utf8' },
  );
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
});
