// `npm run release`: the tests first (a failing suite packages nothing), then the production VSIX and
// the npm tarball, each checked file by file against what may ship (scripts/release/contents.ts),
// and their sizes compared with the last release's (release-sizes.json, rewritten: commit it with
// the release) and written into docs/performance.md. Publishing (vsce publish, ovsx publish, npm publish) stays a person's step.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { checkContents, NPM_FILES, VSIX_FILES } from './release/contents';
import { writeBlocks } from './docs/blocks';
import { compare, measure, readLast, sizesTable, write } from './release/sizes';
import { overLimits } from './release/size-limits';
import { zipEntries } from './release/zip-entries';

const ROOT = path.resolve(__dirname, '..');
const SIZES_FILE = path.join(ROOT, 'release-sizes.json');

function step(title: string, command: string, args: string[]): void {
  console.log(`\n[release] ${title}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[release] ${title} failed (exit ${r.status ?? r.signal}): nothing was packaged.`);
    process.exit(1);
  }
}

function main(): void {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  // Last run's artifacts go first: after a refusal, nothing on disk looks like a release.
  for (const old of ['oblix.vsix', `oblix-${version}.tgz`]) rmSync(path.join(ROOT, old), { force: true });
  step('tests', 'npm', ['test']);
  step('production VSIX', 'npm', ['run', 'package']);
  step('SDK types', process.execPath, ['scripts/sdk-types.js']);
  step('npm tarball', process.execPath, ['scripts/stage-npm.js', ROOT]);

  const vsix = path.join(ROOT, 'oblix.vsix');
  const tgz = path.join(ROOT, `oblix-${version}.tgz`);
  const vsixFiles = zipEntries(vsix);
  const npmFiles = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).split('\n').filter(Boolean);
  console.log(`\n[release] oblix.vsix (${vsixFiles.length} entries):\n  ${vsixFiles.join('\n  ')}`);
  console.log(`\n[release] oblix-${version}.tgz (${npmFiles.length} files):\n  ${npmFiles.join('\n  ')}`);
  const problems = [...checkContents('oblix.vsix', vsixFiles, VSIX_FILES), ...checkContents(`oblix-${version}.tgz`, npmFiles, NPM_FILES)];
  if (problems.length > 0) {
    console.error(`\n[release] refused:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }

  const now = measure(version, {
    'oblix.vsix': vsix,
    [`oblix-${version}.tgz`.replace(version, 'VERSION')]: tgz,
    'dist/extension.js': path.join(ROOT, 'dist/extension.js'),
    'dist/oblix.cjs': path.join(ROOT, 'dist/oblix.cjs'),
    'dist/webview.js': path.join(ROOT, 'dist/webview.js'),
  });
  console.log(`\n[release] sizes:\n\n${compare(readLast(SIZES_FILE), now)}\n`);
  const heavy = overLimits(now.bytes);
  if (heavy.length > 0) {
    console.error(`[release] refused:\n  ${heavy.join('\n  ')}`);
    process.exit(1);
  }
  write(SIZES_FILE, now);
  writeBlocks(path.join(ROOT, 'docs', 'performance.md'), { 'release-sizes': sizesTable(now) });
  console.log(`[release] ready: ${path.relative(ROOT, vsix)} and ${path.relative(ROOT, tgz)}; release-sizes.json and docs/performance.md updated (commit them with the release).`);
}

main();
