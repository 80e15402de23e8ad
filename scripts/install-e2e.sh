#!/usr/bin/env bash
# Installs what the end-to-end tests (test/e2e) need, on a fresh Debian machine as root (CI=true, no stdin):
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev (headers for code-server's
#     `kerberos` native module), ripgrep (stands in for @vscode/ripgrep's GitHub download), tmux (the
#     terminal `oblix chat`'s tests type into: test/cli/chat);
#   - code-server 4.99.4 (VS Code 1.99.3, runs on Node 20) from the npm registry, into a cache folder
#     outside the repo: ${OBLIX_E2E_CACHE:-$HOME/.cache/oblix-e2e}/code-server.
# Idempotent: packages already installed are not reinstalled, and a marker file skips the code-server
# install once it has completed. Prints the code-server binary's path on its last line.
# The sequence follows shared/notes/vscode-e2e.md ("Installing code-server here").
set -euo pipefail

CODE_SERVER_VERSION="${OBLIX_CODE_SERVER_VERSION:-4.99.4}"
CACHE_ROOT="${OBLIX_E2E_CACHE:-$HOME/.cache/oblix-e2e}"
CACHE="$CACHE_ROOT/code-server"
MARKER="$CACHE/.oblix-install-complete-$CODE_SERVER_VERSION"
BIN="$CACHE/node_modules/.bin/code-server"

t0=$(date +%s)
step_start=$t0
step() { # step NAME: prints the time the previous step took, then announces the next one
  local now; now=$(date +%s)
  echo "[install-e2e] +$((now - t0))s (last step $((now - step_start))s) $*"
  step_start=$now
}

export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# --- Debian packages --------------------------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev ripgrep tmux; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  step "apt-get update"
  $SUDO apt-get update -qq
  step "apt-get install ${missing[*]}"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  step "apt packages already installed: chromium libkrb5-dev ripgrep tmux"
fi
command -v rg >/dev/null || { echo "[install-e2e] rg not found after installing ripgrep" >&2; exit 1; }
command -v tmux >/dev/null || { echo "[install-e2e] tmux not found after installing it" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "[install-e2e] /usr/bin/chromium not found" >&2; exit 1; }

# --- code-server ------------------------------------------------------------------------------
if [ -f "$MARKER" ] && [ -x "$BIN" ]; then
  step "code-server $CODE_SERVER_VERSION already installed in $CACHE (marker $MARKER)"
else
  # A half-finished earlier run leaves no marker: start again from an empty folder.
  rm -rf "$CACHE"
  mkdir -p "$CACHE"
  export npm_config_yes=true          # node-pty's build runs `npx node-gyp`
  export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
  # npm 11 looks for a package.json upwards: give the cache folder its own so that npm never
  # walks into a project above it.
  echo '{"name":"oblix-e2e-code-server","private":true}' >"$CACHE/package.json"

  step "npm install code-server@$CODE_SERVER_VERSION --ignore-scripts"
  npm install --prefix "$CACHE" --ignore-scripts "code-server@$CODE_SERVER_VERSION"

  VS="$CACHE/node_modules/code-server/lib/vscode"
  cd "$VS"
  step "npm install --omit=dev --ignore-scripts (lib/vscode)"
  npm install --omit=dev --ignore-scripts

  step "link Debian's rg into @vscode/ripgrep, npm rebuild (lib/vscode)"
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  npm rebuild

  step "symlinks (node_modules.asar, remote-cli, browser helper)"
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sf code-linux.sh code-server)
  (cd bin/helpers && ln -sf browser-linux.sh browser.sh)

  step "npm install + rebuild (lib/vscode/extensions)"
  (cd extensions && npm install --omit=dev --ignore-scripts && npm rebuild)

  step "npm rebuild argon2"
  cd "$CACHE"
  npm rebuild --prefix "$CACHE" argon2

  "$BIN" --version >/dev/null
  date -u +%FT%TZ >"$MARKER"
fi

step "done: $("$BIN" --version | head -1)"
echo "[install-e2e] total $(( $(date +%s) - t0 ))s"
echo "$BIN"
