#!/usr/bin/env bash
# Installs what building and testing GeSIM needs. Safe to run again: it skips what is there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v cargo >/dev/null; then
	die "Rust is not installed: see https://rustup.rs, then run this script again"
fi

# The wasm runtime is built for wasm32v1-none with the standard library's sources.
installed_targets=$(rustup target list --installed)
for target in wasm32v1-none wasm32-unknown-unknown; do
	grep -qx "$target" <<<"$installed_targets" || { log "adding rust target $target"; rustup target add "$target"; }
done
installed_components=$(rustup component list --installed)
for component in rust-src rustfmt; do
	grep -q "^$component" <<<"$installed_components" || { log "adding $component"; rustup component add "$component"; }
done

# protoc (libp2p), clang (C dependencies), curl (scripts), Node.js for the end-to-end tests
# and the operator command line.
missing=()
command -v protoc >/dev/null || missing+=(protobuf-compiler)
command -v clang >/dev/null || missing+=(clang libclang-dev)
command -v curl >/dev/null || missing+=(curl)
command -v node >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
	log "installing ${missing[*]}"
	SUDO=$([[ $(id -u) -eq 0 ]] || echo sudo)
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq "${missing[@]}"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || die "Node.js 20 or newer is needed for the end-to-end tests (found $(node --version))"

if [[ ! -d "$GESIM_ROOT/e2e/node_modules/@polkadot/api" ]]; then
	log "installing the end-to-end tests' npm packages"
	(cd "$GESIM_ROOT/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [[ ! -d "$GESIM_ROOT/tools/operator/node_modules/@polkadot/api" ]]; then
	log "installing the operator command line's npm packages"
	(cd "$GESIM_ROOT/tools/operator" && npm ci --no-audit --no-fund --loglevel=error)
fi
log "setup complete"
