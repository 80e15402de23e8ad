// The import graph of src/ keeps the shape docs/architecture.md describes: no cycles, core and cli never reach the
// editor, and the webview bundle stays self-contained. Checked here because review alone let cycles in.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..');
const src = path.join(root, 'src');

/** Files the webview may import from outside src/webview: dependency-free modules shared with the host. */
const webviewShared: readonly string[] = ['src/core/routing/route-reason.ts', 'src/core/errors/error-codes.ts'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out.sort();
}

function rel(file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.d.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

interface Imports {
  /** Relative imports, resolved to repository-relative paths. */
  readonly files: string[];
  /** Bare specifiers: packages and node builtins. */
  readonly packages: string[];
}

// preProcessFile sees import/export-from, import type, require() and import() and skips comments and strings.
function importsOf(file: string): Imports {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const files: string[] = [];
  const packages: string[] = [];
  for (const { fileName } of info.importedFiles) {
    if (fileName.startsWith('.')) {
      const target = resolveRelative(file, fileName);
      assert.ok(target, `${rel(file)} imports ${fileName}, which does not resolve`);
      files.push(rel(target));
    } else {
      packages.push(fileName);
    }
  }
  return { files, packages };
}

const graph = new Map<string, Imports>(sourceFiles(src).map((file) => [rel(file), importsOf(file)]));

// Tarjan's strongly connected components: each component of more than one file is a tangle of cycles,
// reported whole so that one run shows all of them, not one back edge at a time.
function tangles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.files ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    const selfLoop = graph.get(node)?.files.includes(node) ?? false;
    if (component.length > 1 || selfLoop) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

function violations(layer: string, allowed: (target: string) => boolean, allowedPackage: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    if (!file.startsWith(`${layer}/`)) continue;
    for (const target of imports.files) if (!allowed(target)) out.push(`${file} -> ${target}`);
    for (const name of imports.packages) if (!allowedPackage(name)) out.push(`${file} -> ${name}`);
  }
  return out;
}

describe('architecture: the import graph of src/', () => {
  it('sees the source files and their imports', () => {
    assert.ok(graph.size > 50);
    assert.ok([...graph.values()].some((imports) => imports.files.length > 0));
  });

  it('has no import cycles', () => {
    assert.deepEqual(
      tangles().map((files) => files.join(' <-> ')),
      [],
    );
  });

  it('src/core imports neither vscode, src/extension, src/webview nor src/cli', () => {
    // package.json: core/version.ts reads the version field at build time.
    const inCore = (target: string): boolean => target.startsWith('src/core/') || target === 'package.json';
    assert.deepEqual(
      violations('src/core', inCore, (name) => name !== 'vscode'),
      [],
    );
  });

  it('src/cli imports neither vscode, src/extension nor src/webview (it is built on src/sdk and src/core)', () => {
    const allowed = (target: string): boolean => target.startsWith('src/cli/') || target.startsWith('src/sdk/') || target.startsWith('src/core/');
    assert.deepEqual(
      violations('src/cli', allowed, (name) => name !== 'vscode'),
      [],
    );
  });

  it('inside src/core, http <- dialects <- server: http imports neither, dialects never import the server', () => {
    const notIn =
      (...folders: string[]) =>
      (target: string): boolean =>
        !folders.some((f) => target.startsWith(`src/core/${f}/`));
    assert.deepEqual(
      violations('src/core/http', notIn('dialects', 'server'), () => true),
      [],
    );
    assert.deepEqual(
      violations('src/core/dialects', notIn('server'), () => true),
      [],
    );
  });

  it('src/core/routing imports no dialect: a model name reaches it already parsed', () => {
    assert.deepEqual(
      violations(
        'src/core/routing',
        (target) => !target.startsWith('src/core/dialects/'),
        () => true,
      ),
      [],
    );
  });

  it('src/sdk imports only itself and src/core: the npm package never reaches the editor or the CLI', () => {
    const allowed = (target: string): boolean => target.startsWith('src/sdk/') || target.startsWith('src/core/');
    assert.deepEqual(
      violations('src/sdk', allowed, (name) => name !== 'vscode'),
      [],
    );
  });

  it('src/webview imports only its own files and the shared, dependency-free modules', () => {
    const allowed = (target: string): boolean => target.startsWith('src/webview/') || webviewShared.includes(target);
    assert.deepEqual(
      violations('src/webview', allowed, (name) => name !== 'vscode' && !name.startsWith('node:')),
      [],
    );
    for (const shared of webviewShared) {
      assert.deepEqual(graph.get(shared), { files: [], packages: [] }, `${shared} must stay dependency-free`);
    }
  });
});
