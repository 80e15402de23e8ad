// The npm package as a user gets it: built and packed (the steps of `npm run pack:npm`), installed
// from the tarball into a new project, and docs/sdk.md's example (docs/examples/sdk-example.ts)
// type-checked there with `tsc --noEmit` against the package's own .d.ts, then run with node (types
// stripped by esbuild) against a fake Ollama; `require('oblix')` and the `oblix` bin from the same install.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { FakeOllama } from '../fakes/fake-ollama';

const ROOT = join(__dirname, '..', '..');
const TSC = require.resolve('typescript/bin/tsc');
const ESBUILD = require.resolve('esbuild/bin/esbuild');
const run = promisify(execFile);

describe('the packed npm package, installed in a TypeScript project', function () {
  this.timeout(300_000);
  const ollama = new FakeOllama();
  let project: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    await ollama.start();
    const work = mkdtempSync(join(tmpdir(), 'oblix-consumer-'));
    const packs = join(work, 'packs');
    mkdirSync(packs);
    for (const script of [['esbuild.js', '--production'], ['scripts/sdk-types.js'], ['scripts/stage-npm.js', packs]]) {
      execFileSync(process.execPath, script, { cwd: ROOT, stdio: 'pipe' });
    }
    const [tarball] = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
    project = join(work, 'consumer');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          outDir: 'out',
          typeRoots: [join(ROOT, 'node_modules/@types')],
          types: ['node'],
        },
        files: ['example.ts'],
      }),
    );
    copyFileSync(join(ROOT, 'docs/examples/sdk-example.ts'), join(project, 'example.ts'));
    // --offline: the package has no dependencies, so nothing is fetched.
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(packs, tarball!)], { cwd: project, stdio: 'pipe' });
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OLLAMA_|OPENAI_|ANTHROPIC_|OBLIX_)/.test(k)));
    env = { ...clean, OLLAMA_HOST: ollama.url, OBLIX_DATA_DIR: join(work, 'data') };
  });
  after(() => ollama.stop());

  it('type-checks the example of docs/sdk.md with the package types (tsc --noEmit, skipLibCheck off)', async () => {
    await run(process.execPath, [TSC, '--noEmit', '-p', '.'], { cwd: project });
  });

  it('a type mistake in a call is caught by the package types', async () => {
    writeFileSync(join(project, 'wrong.ts'), "import { OblixClient } from 'oblix';\nawait new OblixClient({ mode: 'sideways' }).execute({ prompt: 1 });\n");
    try {
      await assert.rejects(
        run(process.execPath, [TSC, '--noEmit', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--strict', 'wrong.ts'], { cwd: project }),
        (e: { stdout: string }) =>
          /'"sideways"' is not assignable to type 'RoutingMode \| undefined'/.test(e.stdout) && /Type 'number' is not assignable to type 'string'/.test(e.stdout),
      );
    } finally {
      rmSync(join(project, 'wrong.ts'));
    }
  });

  it('runs the example of docs/sdk.md with node: an answer, a streamed answer in a session', async () => {
    ollama.reply = 'Two, three and five.';
    // Types stripped by esbuild (tsc checked them above): what runs is the example as written.
    await run(ESBUILD, ['example.ts', '--format=esm', '--platform=node', '--outfile=out/example.js'], { cwd: project });
    const { stdout } = await run(process.execPath, ['out/example.js'], { cwd: project, env });
    assert.match(
      stdout,
      /^Two, three and five\.\nollama:llama3\.2:latest \([a-z-]+\), \d+ tokens\nTwo, three and five\.\nollama:llama3\.2:latest \([a-z-]+\)\nprimes: 2 messages, "And three more\?"\n$/,
    );
  });

  it('require() loads the same bundle, and the bin is the CLI', async () => {
    const { stdout } = await run(process.execPath, ['-e', "const o = require('oblix'); console.log(typeof o.OblixClient, typeof o.OblixOptionsError)"], { cwd: project });
    assert.equal(stdout, 'function function\n');
    const version = await run(join(project, 'node_modules/.bin/oblix'), ['--version'], { cwd: project });
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
