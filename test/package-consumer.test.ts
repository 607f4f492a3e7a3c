// The package as a user gets it: `npm pack` (its `prepare` builds dist/), the tarball installed
// into a fresh project outside the repo (one `npm install`, served by the npm cache), then used
// from plain Node ESM JavaScript, from TypeScript under Bundler and NodeNext resolution, through
// its installed bin, and from a frontend bundle that must get the client and nothing heavy.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, type PackedInstall } from '../scripts/packed-install.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
/** What a user needs and nothing else (package.json's `files`, plus what npm always adds). */
const SHIPPED = /^(dist\/|spec\/|fixtures\/|package\.json$|README\.md$|LICENSE$)/;
/** The only packages the client entry may load: a frontend bundle gets the client, not the server. */
const CLIENT_DEPENDENCIES = ['openapi-fetch', 'ulid'];

const run = promisify(execFile);

/** Exit code and output of a command that may fail (tsc on a file meant not to compile). */
async function attempt(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Module specifiers of compiled JavaScript: static imports and re-exports, side-effect imports, import(). */
function specifiersOf(code: string): string[] {
  const patterns = [
    /(?:^|\n)\s*(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1]!));
}

/** The code blocks of the README's "Use it as a package" section, in order, with their language. */
function readmePackageBlocks(): { lang: string; code: string }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Use it as a package'),
    readme.indexOf('\n## ', readme.indexOf('## Use it as a package') + 3),
  );
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

let work: string;
let project: string;
let packed: PackedInstall['packed'];
let installed: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'suiterun-kit-consumer-'));
  ({ packed, project, installed } = await packAndInstall(work));
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('carries the whitelist only: compiled code with its types, the spec, the fixtures, README, LICENSE', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths.filter((p) => !SHIPPED.test(p))).toEqual([]);
    expect(paths.filter((p) => /\.test(-d)?\.|\/testing\/|\.ts$/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('dist/test/'))).toEqual([]); // test/support/ never ships, not even pulled in by an import
    for (const entry of ['dist/src/index', 'dist/src/entries/server', 'dist/src/entries/verify']) {
      expect(paths).toContain(`${entry}.js`);
      expect(paths).toContain(`${entry}.d.ts`);
      expect(paths).toContain(`${entry}.d.ts.map`);
    }
    expect(paths).toEqual(
      expect.arrayContaining([
        'spec/openapi.yaml',
        'spec/control.openapi.yaml',
        'fixtures/workspaces.json',
        'LICENSE',
        'README.md',
      ]),
    );
    console.info(`npm pack: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} KiB packed`);
  });

  it('has declaration files whose relative imports name files that exist (.js, not the .ts sources)', () => {
    const declarations = packed.files.filter((f) => f.path.endsWith('.d.ts'));
    expect(declarations.length).toBeGreaterThan(10);
    const broken: string[] = [];
    for (const file of declarations) {
      const text = readFileSync(join(installed, file.path), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from\s+|import\()['"](\.\.?\/[^'"]+)['"]/g)) {
        const target = resolve(dirname(join(installed, file.path)), specifier!);
        if (!specifier!.endsWith('.js') || !existsSync(target.replace(/\.js$/, '.d.ts')))
          broken.push(`${file.path}: ${specifier}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('installed into a fresh project', () => {
  it("starts from the build's cache: the specs parsed and the fixtures checked, for the very files it ships", async () => {
    const cache = (await import(join(installed, 'dist/src/build-cache.js'))) as typeof import('../src/build-cache.ts');
    const fixtures = (await import(
      join(installed, 'dist/src/store/fixtures.js')
    )) as typeof import('../src/store/fixtures.ts');
    for (const spec of ['spec/openapi.yaml', 'spec/control.openapi.yaml'])
      expect(cache.cachedSpec(join(installed, spec)), spec).toMatchObject({ openapi: '3.1.0' });
    const read = (name: string) => readFileSync(join(installed, 'fixtures', name), 'utf8');
    const texts = {
      workspaces: read('workspaces.json'),
      suiteRuns: read('suite-runs.json'),
      testRuns: read('test-runs.json'),
    };
    expect(cache.fixturesChecked(fixtures.fixtureTexts(texts))).toBe(true);
  });

  it('works from plain Node ESM JavaScript: the client, startReferenceServer and verify', async () => {
    const script = `
      import { createSuiteRunClient } from 'suiterun-kit';
      import { startReferenceServer } from 'suiterun-kit/server';
      import { verify } from 'suiterun-kit/verify';

      const server = await startReferenceServer({ port: 0 });
      try {
        const client = createSuiteRunClient({ baseUrl: server.url, apiKey: 'sk_test_alpha' });
        const { data, error } = await client.GET('/v1/agents/tests/suite-runs', { params: { query: { limit: 3 } } });
        const report = await verify({ target: server.url, runs: 3 });
        console.log(JSON.stringify({ url: server.url, listed: data?.suite_runs.map((s) => s.id), error, outcome: report.outcome, reason: report.reason, summary: report.summary }));
      } finally {
        await server.close();
      }
    `;
    await writeFile(join(project, 'consumer.mjs'), script);
    const { stdout } = await run(process.execPath, ['consumer.mjs'], { cwd: project });
    // One line: verify wrote nothing to stdout of its own.
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as {
      url: string;
      listed: string[];
      error?: unknown;
      outcome: string;
      reason: string;
      summary: { passed: number; failed: number };
    };
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.error).toBeUndefined();
    expect(result.listed).toHaveLength(3);
    for (const id of result.listed) expect(id).toMatch(/^srun_[0-9A-Z]{26}$/);
    expect(result.outcome, result.reason).toBe('passed');
    expect(result.summary.failed).toBe(0);
    expect(result.summary.passed).toBeGreaterThan(10);
  });

  it("runs the README's Node test of verify against the reference server: it passes and writes its JUnit report", async () => {
    const example = readmePackageBlocks().find((b) => b.lang === 'js' && b.code.includes('node --test'));
    expect(example).toBeDefined();
    await writeFile(join(project, 'contract.test.mjs'), example!.code.replace('runs: 25', 'runs: 3'));
    const { startReferenceServer } = (await import(
      join(installed, 'dist/src/entries/server.js')
    )) as typeof import('../src/entries/server.ts');
    const server = await startReferenceServer({ port: 0 });
    try {
      const env = { ...process.env, SUITERUN_URL: server.url, SUITERUN_API_KEY: 'sk_test_alpha' };
      const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
        const child = spawn(process.execPath, ['--test', 'contract.test.mjs'], {
          cwd: project,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.once('exit', (exitCode) => done({ code: exitCode, output: text }));
      });
      expect(code, output).toBe(0);
      expect(readFileSync(join(project, 'reports/contract.xml'), 'utf8')).toContain('<testsuite');
    } finally {
      await server.close();
    }
  });

  describe.each(['Bundler', 'NodeNext'])('TypeScript with moduleResolution %s', (resolution) => {
    const tsconfig = (files: string[]) => ({
      compilerOptions: {
        target: 'ES2022',
        module: resolution === 'Bundler' ? 'ESNext' : 'NodeNext',
        moduleResolution: resolution,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['ES2022', 'DOM'],
        types: [],
      },
      files,
    });
    /** One tsc run over the given files (name -> source), in a directory of this resolution mode. */
    const typecheck = async (name: string, sources: Record<string, string>) => {
      const dir = join(project, `ts-${resolution}`);
      await mkdir(dir, { recursive: true });
      for (const [file, source] of Object.entries(sources)) await writeFile(join(dir, `${file}.ts`), source);
      await writeFile(
        join(dir, `tsconfig.${name}.json`),
        JSON.stringify(tsconfig(Object.keys(sources).map((f) => `${f}.ts`))),
      );
      return attempt(process.execPath, [TSC, '-p', `tsconfig.${name}.json`], dir);
    };

    it("compiles a file that uses the client, the server and verify entries, and the README's client example", async () => {
      const readmeExample = readmePackageBlocks().find(
        (b) => b.lang === 'ts' && b.code.includes('createSuiteRunClient') && !b.code.includes('vitest'),
      );
      expect(readmeExample).toBeDefined();
      const { code, output } = await typecheck('good', {
        readme: readmeExample!.code,
        good: `import { createSuiteRunClient, isId, type SuiteRun } from 'suiterun-kit';
         import { startReferenceServer, type ReferenceServer } from 'suiterun-kit/server';
         import { verify, type VerifyReport } from 'suiterun-kit/verify';

         export async function newest(baseUrl: string): Promise<SuiteRun['id'] | undefined> {
           const client = createSuiteRunClient({ baseUrl, apiKey: 'sk_test_alpha' });
           const { data } = await client.GET('/v1/agents/tests/suite-runs/{suite_run_id}', { params: { path: { suite_run_id: 'srun_x' } } });
           return data && isId(data.id, 'srun') ? data.id : undefined;
         }
         export async function check(): Promise<VerifyReport['outcome']> {
           const server: ReferenceServer = await startReferenceServer({ port: 0, clock: 'manual', faults: ['short-ids'] });
           try {
             return (await verify({ target: server.url, runs: 1, only: ['ids'] })).outcome;
           } finally {
             await server.close();
           }
         }
        `,
      });
      expect(output).toBe('');
      expect(code).toBe(0);
    });

    it('refuses a file that calls a path the spec does not have', async () => {
      const { code, output } = await typecheck('bad', {
        bad: `import { createSuiteRunClient } from 'suiterun-kit';
         const client = createSuiteRunClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_alpha' });
         export const answer = client.GET('/v1/agents/tests/no-such-path', {});
        `,
      });
      expect(code).not.toBe(0);
      const errors = output.split('\n').filter((l) => l.includes('error TS'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('\'"/v1/agents/tests/no-such-path"\'');
    });
  });

  it('has a bin that runs the compiled JavaScript, without tsx, and serves', async () => {
    const bin = realpathSync(join(project, 'node_modules/.bin/suiterun-kit'));
    expect(relative(installed, bin)).toBe(join('dist', 'bin', 'suiterun-kit.js'));
    expect(existsSync(join(project, 'node_modules/tsx'))).toBe(false);

    const child = spawn(join(project, 'node_modules/.bin/suiterun-kit'), ['serve', '--port', '0'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (found) resolveUrl(found[1]!);
        });
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const answer = await fetch(`${url}/v1/agents/tests/suite-runs?limit=1`, {
        headers: { authorization: 'Bearer sk_test_alpha' },
      });
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { suite_runs: unknown[] }).suite_runs).toHaveLength(1);
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('gives a frontend bundle of createSuiteRunClient the client alone: no Express, Prism, ajv or kit', async () => {
    // Every module the client entry loads, followed through the installed dist/.
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
        else
          bare.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
      }
    };
    visit(join(installed, 'dist/src/index.js'));
    expect([...bare].sort()).toEqual(CLIENT_DEPENDENCIES);
    expect(
      [...seen].map((f) => relative(installed, f)).filter((f) => !/^dist\/src\/(index|client\/|ids\/)/.test(f)),
    ).toEqual([]);

    await writeFile(
      join(project, 'app.js'),
      `import { createSuiteRunClient } from 'suiterun-kit';\nexport const client = createSuiteRunClient({ baseUrl: location.origin, apiKey: 'sk_test_alpha' });\n`,
    );
    const { build } = await import('vite');
    const output = await build({
      root: project,
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: true, lib: { entry: join(project, 'app.js'), formats: ['es'], fileName: 'app' } },
    });
    const chunks = (Array.isArray(output) ? output : [output])
      .flatMap((o) => ('output' in o ? o.output : []))
      .filter((c) => c.type === 'chunk');
    const modules = chunks.flatMap((c) => c.moduleIds).map((id) => relative(project, id));
    expect(
      modules.filter((id) => !/^(app\.js|node_modules\/(openapi-fetch|suiterun-kit\/dist\/src\/client)\/)/.test(id)),
    ).toEqual([]);
    const bytes = chunks.reduce((sum, c) => sum + Buffer.byteLength(c.code), 0);
    console.info(
      `bundle of an app importing createSuiteRunClient (vite ${(await import('vite')).version}, minified): ${(bytes / 1024).toFixed(1)} KiB`,
    );
    expect(bytes).toBeLessThan(20 * 1024);
  });
});
