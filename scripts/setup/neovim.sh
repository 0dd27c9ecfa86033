#!/bin/sh
# Installs Debian's neovim (for the headless-Neovim LSP test) unless an nvim is already on PATH.
set -e
if command -v nvim >/dev/null 2>&1; then nvim --version | head -1; exit 0; fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
flock /tmp/apt.lock sh -c "$SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends neovim"
nvim --version | head -1
