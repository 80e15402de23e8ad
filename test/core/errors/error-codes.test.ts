// Oblix's error codes are one list: docs/api.md's table names exactly those codes, with their status
// and meaning; every code in the list is one the source sends, with the status the list gives it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ERROR_CODES, errorCodeInfo, type ErrorCode } from '../../../src/core/errors/error-codes';

const root = join(__dirname, '..', '..', '..');

/** Every .ts file under dir but the list itself. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .flatMap((path) => (statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') && !path.endsWith('error-codes.ts') ? [path] : []));
}

describe('error codes', () => {
  it('the table in docs/api.md lists every code with its status and meaning, and no other', () => {
    const page = readFileSync(join(root, 'docs', 'api.md'), 'utf8');
    const table = /\| `error\.code` \| Status \| Meaning \|\n\| --- \| --- \| --- \|\n((?:\|.*\|\n)+)/.exec(page)?.[1];
    assert.ok(table, 'docs/api.md has the table of error codes');
    const rows = table
      .trimEnd()
      .split('\n')
      .map((row) => row.slice(2, -2).split(' | '));
    assert.deepEqual(
      rows,
      ERROR_CODES.map((code) => [`\`${code}\``, String(errorCodeInfo(code).status), errorCodeInfo(code).description]),
    );
  });

  it("Oblix's own errors take their status from the list: built with OblixError.of, an UpstreamError with the listed status", () => {
    const mismatches: string[] = [];
    let built = 0;
    const visit = (file: ts.SourceFile, node: ts.Node): void => {
      const callee = ts.isCallExpression(node) ? node.expression : null;
      if (callee && ts.isPropertyAccessExpression(callee) && callee.getText(file) === 'OblixError.of') built++;
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.arguments) {
        // new OblixError(status, message, type, param, code) / new UpstreamError(provider, status, message, unreachable, code)
        const at = node.expression.text === 'OblixError' ? 0 : node.expression.text === 'UpstreamError' ? 1 : -1;
        const status = node.arguments[at];
        const code = node.arguments[at + 4];
        if (at === 0 && code && ts.isStringLiteral(code)) mismatches.push(`${file.fileName}: ${code.text} built by hand; use OblixError.of`);
        if (at === 1 && status && code && ts.isNumericLiteral(status) && ts.isStringLiteral(code)) {
          const listed = errorCodeInfo(code.text as ErrorCode).status;
          if (listed !== Number(status.text)) mismatches.push(`${file.fileName}: ${code.text} built with ${status.text}, listed as ${listed}`);
        }
      }
      ts.forEachChild(node, (child) => visit(file, child));
    };
    for (const path of sourceFiles(join(root, 'src', 'core'))) {
      const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      visit(file, file);
    }
    assert.ok(built > 20, `found ${built} errors built with OblixError.of`);
    assert.deepEqual(mismatches, []);
  });

  it('lists only codes the source sends', () => {
    const source = sourceFiles(join(root, 'src', 'core'))
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    const unused = ERROR_CODES.filter((code) => !source.includes(`'${code}'`));
    assert.deepEqual(unused, []);
  });
});
