// `npm run lint:spec` is a quality gate: swagger-parser validation of both specs, then
// `redocly lint` with the recommended rules as errors. It must pass with zero problems, and
// each half must be able to fail (proved on broken copies in a temporary directory).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');

interface Outcome {
  code: number | null;
  output: string;
}

function run(command: string, args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        REDOCLY_TELEMETRY: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

// Redocly reports problems as "N error(s)" / "N warning(s)"; a clean run says neither.
const PROBLEM_COUNT = /\b[1-9][0-9]* (errors?|warnings?|problems?)\b/i;

describe('npm run lint:spec', () => {
  it('exits 0 with zero problems for both specs', async () => {
    const { code, output } = await run('npm', ['run', '--silent', 'lint:spec']);
    expect(code, output).toBe(0);
    expect(output).toContain('spec/openapi.yaml: valid OpenAPI (swagger-parser)');
    expect(output).toContain('spec/control.openapi.yaml: valid OpenAPI (swagger-parser)');
    expect(output).toContain('swagger-parser: 0 problems in 2 documents');
    expect(output).toMatch(/validating spec\/openapi\.yaml/);
    expect(output).toMatch(/validating spec\/control\.openapi\.yaml/);
    expect(output).toContain('Your API descriptions are valid');
    expect(output).not.toMatch(PROBLEM_COUNT);
  });
});

describe('the lint gate can fail', () => {
  let dir: string;
  let spec: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'suiterun-lint-'));
    spec = await readFile(join(ROOT, 'spec', 'openapi.yaml'), 'utf8');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('swagger-parser refuses a document with a $ref that resolves to nothing', async () => {
    const broken = join(dir, 'dangling-ref.yaml');
    const text = spec.replace(
      "$ref: '#/components/schemas/ListSuiteRunsResponse'",
      "$ref: '#/components/schemas/NoSuchSchema'",
    );
    expect(text).not.toBe(spec);
    await writeFile(broken, text);
    const { code, output } = await run(join(BIN, 'tsx'), ['scripts/lint-spec.ts', broken]);
    expect(code).toBe(1);
    expect(output).toContain('swagger-parser: 1 problem in 1 document');
  });

  it('redocly refuses an operation without a summary (a recommended rule, configured as an error)', async () => {
    const broken = join(dir, 'no-summary.yaml');
    const text = spec.replace('      summary: Get a suite run\n', '');
    expect(text).not.toBe(spec);
    await writeFile(broken, text);
    const { code, output } = await run(join(BIN, 'redocly'), [
      'lint',
      broken,
      '--config',
      'redocly.yaml',
      '--format',
      'stylish',
    ]);
    expect(code).not.toBe(0);
    expect(output).toContain('operation-summary');
  });
});
