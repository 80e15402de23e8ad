// `oblix --version` / `-v` and `oblix --help` / `-h`, as a user runs them: exit 0, stdout only.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { version } from '../../package.json';

const ENTRY = require.resolve('../../src/cli/main.ts');

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, ['--require', 'tsx/cjs', ENTRY, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(proc, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('oblix --version and --help', function () {
  this.timeout(30_000);

  for (const flag of ['--version', '-v']) {
    it(`${flag} prints package.json's version alone`, async () => {
      const r = await run([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${version}\n`);
      assert.equal(r.stderr, '');
    });
  }

  for (const flag of ['--help', '-h']) {
    it(`${flag} prints the usage with the commands and the version`, async () => {
      const r = await run([flag]);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^Usage: oblix <command>$/m);
      assert.match(r.stdout, /^ {2}serve /m);
      assert.match(r.stdout, /^ {2}models /m);
      assert.match(r.stdout, /--version/);
      assert.ok(r.stdout.includes(version));
      assert.equal(r.stderr, '');
    });
  }

  it('serve --help prints the serve usage and starts no server', async () => {
    const r = await run(['serve', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: oblix serve /m);
    assert.doesNotMatch(r.stdout, /listening/);
  });

  it('an unknown flag is misuse: exit 2 with the usage on stderr', async () => {
    const r = await run(['--bogus']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown option '--bogus'\./);
  });
});
