#!/usr/bin/env bash
# The test command of the README: installs what the tests need on a fresh machine (npm packages,
# MariaDB, Neovim, code-server + Chromium for the editor test; each step skips what is already there),
# then runs the unit, engine, protocol and robustness tests, and the editor test in a real VS Code.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { echo; echo "=== $* ($(( $(date +%s) - start ))s)"; }

step "npm ci"
npm ci --no-audit --no-fund
step "MariaDB"
bash scripts/setup/mariadb.sh
step "Neovim"
bash scripts/setup/neovim.sh
step "editor test tools (code-server, Chromium)"
bash scripts/setup/e2e.sh

step "unit, engine, protocol tests"
npm test
step "editor test (code-server + Playwright)"
npm run test:e2e
step "done"
