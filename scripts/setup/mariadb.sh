#!/usr/bin/env bash
# Installs the Debian MariaDB server (mariadbd + mariadb-install-db) for the engine round-trip tests.
# Non-interactive and idempotent; apt runs under flock /tmp/apt.lock because other setups share apt.
# The tests start their own mariadbd on 127.0.0.1 with a temporary datadir; this script starts nothing.
set -euo pipefail

have() { command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; }
if have && { command -v mariadb-install-db >/dev/null 2>&1 || [ -x /usr/bin/mariadb-install-db ]; }; then
  echo "mariadb-server already installed: $( (command -v mariadbd || echo /usr/sbin/mariadbd) )"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d 101 keeps the package from starting a system-wide server during install.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
flock /tmp/apt.lock $SUDO apt-get update -qq
flock /tmp/apt.lock $SUDO apt-get install -y -qq --no-install-recommends mariadb-server
have || { echo "mariadb-server installed but mariadbd not found" >&2; exit 1; }
echo "mariadb-server installed: $(/usr/sbin/mariadbd --version)"
