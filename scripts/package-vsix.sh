#!/usr/bin/env bash
# Builds oblix.vsix (`npm run package`: vsce package, whose vscode:prepublish runs esbuild --production;
# .vscodeignore picks the files) and checks what went into it: the bundled extension entry must be there, sources, tests and
# node_modules must not. Prints the VSIX's absolute path on its last line.
# Usage: scripts/package-vsix.sh [OUT.vsix]   (default: ./oblix.vsix)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-oblix.vsix}")"

if [ ! -f src/extension/extension.ts ]; then
  echo "[package-vsix] src/extension/extension.ts does not exist: nothing to package" >&2
  exit 1
fi
rm -f "$out"
npm run --silent package </dev/null
[ "$out" = "$PWD/oblix.vsix" ] || mv -f oblix.vsix "$out"

listing="$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$out")"
fail=0
for required in extension/package.json extension/dist/extension.js; do
  grep -qx "$required" <<<"$listing" || { echo "[package-vsix] missing from VSIX: $required" >&2; fail=1; }
done
if grep -E '^extension/(src|test|node_modules|bench|scripts|\.ci|out)/|\.map$|\.ts$' <<<"$listing" >&2; then
  echo "[package-vsix] ^ files that .vscodeignore should have left out" >&2
  fail=1
fi
[ "$fail" -eq 0 ] || exit 1
echo "[package-vsix] $(grep -c . <<<"$listing") entries, $(du -h "$out" | cut -f1):"
sed 's/^/  /' <<<"$listing"
echo "$out"
