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

# npm packages, installed again whenever package.json names one that is missing.
npm_ready() {
	(cd "$1" && node -e '
		const deps = Object.keys(require("./package.json").dependencies ?? {});
		process.exit(deps.every((d) => require("fs").existsSync(`node_modules/${d}/package.json`)) ? 0 : 1);
	')
}
for dir in e2e tools/operator; do
	npm_ready "$GESIM_ROOT/$dir" && continue
	log "installing the npm packages of $dir"
	(cd "$GESIM_ROOT/$dir" && npm ci --no-audit --no-fund --loglevel=error)
done
log "setup complete"
