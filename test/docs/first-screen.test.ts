// The README is a newcomer's first screen, not the manual: what Oblix is, a picture, install, a
// quick start, one recipe per client, and where to read on — about 200 lines. The reference lives
// in docs/; a README that grows back into a manual fails here.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, read } from './doc-files';

const readme = read('README.md');

describe('docs: the README is a first screen', () => {
  it('is about 200 lines', () => {
    const lines = readme.split('\n').length;
    assert.ok(lines <= 220, `${lines} lines: move the reference into docs/`);
  });

  it('shows a picture that exists', () => {
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    assert.ok(pictures.length > 0);
    for (const p of pictures) assert.ok(existsSync(join(ROOT, p)), p);
  });

  it('has install, quick start, the recipes, development and where to read on, in that order', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, ['Install', 'Quick start', 'Your tools through Oblix', 'Development', 'Read on']);
  });

  it('gives the one command that runs the tests, and it is the test script CI runs', () => {
    assert.match(readme, /^npm ci && npm test\b/m);
    assert.match(read('.ci/run'), /^npm test$/m);
  });

  it('draws the map of src/ in about ten lines, naming only folders that exist', () => {
    const dev = readme.slice(readme.indexOf('## Development'), readme.indexOf('## Read on'));
    const map = /```\n(src\/core\/[\s\S]*?)```/.exec(dev)?.[1] ?? '';
    assert.ok(map.split('\n').filter(Boolean).length <= 10, 'ten lines at most');
    for (const folder of map.match(/\bsrc\/[a-z]+\/|\b[a-z-]+\/(?= )/g) ?? []) {
      const path = folder.startsWith('src/') ? folder : `src/core/${folder}`;
      assert.ok(existsSync(join(ROOT, path)), path);
    }
  });

  it('has a recipe for each client the issue names', () => {
    const recipes = readme.slice(readme.indexOf('## Your tools through Oblix'), readme.indexOf('## Read on'));
    for (const client of ['**Claude Code**', '**Codex CLI**', '**Continue**', '**Cline**', '**opencode**', '**GitHub Copilot (BYOK Ollama)**', "**VS Code's own chat**"]) {
      assert.ok(recipes.includes(client), client);
    }
  });

  it('says how to install from a clone while nothing is published', () => {
    assert.match(readme, /not yet published/);
    assert.match(readme, /npm ci && npm run build/);
    // The tarball's name carries the version: a version bump must update the README.
    const { version } = JSON.parse(read('package.json')) as { version: string };
    assert.ok(readme.includes(`npm run pack:npm && npm install -g ./oblix-${version}.tgz`), `the README installs oblix-${version}.tgz`);
  });
});
