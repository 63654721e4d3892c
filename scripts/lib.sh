# Shared by the scripts in this folder: paths and small helpers. Source it, don't run it.

GESIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One Cargo target directory at a fixed path outside the clone, shared by every build
# (tests, node, CI), so each dependency compiles once per machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/gesim/target}"
GESIM_NODE="$CARGO_TARGET_DIR/debug/gesim-node"

log() { printf '\033[1;34m[gesim]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[gesim] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Build the node (and its wasm runtime) together with every test, in one cargo invocation.
# Tests turn on dev-dependencies, which changes the features some shared crates are built
# with; building the binaries and every test together keeps one feature set, so `cargo test` and the
# node reuse the same artifacts instead of compiling the dependency tree twice.
build_node() {
	log "building gesim-node and the tests (target dir $CARGO_TARGET_DIR)"
	(cd "$GESIM_ROOT" && cargo build --locked --workspace --bins --tests)
}

# wait_for_rpc PORT [SECONDS]: wait until a node answers JSON-RPC on 127.0.0.1:PORT.
wait_for_rpc() {
	local port=$1 deadline=$((SECONDS + ${2:-60}))
	until curl -sf -H 'Content-Type: application/json' \
		-d '{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}' \
		"http://127.0.0.1:$port" >/dev/null 2>&1; do
		((SECONDS < deadline)) || return 1
		sleep 0.5
	done
}

# require_free_ports PORT...: refuse to start a node on a port something already listens on:
# the node would fail to bind, and a test would go on talking to whatever holds the port.
require_free_ports() {
	local port
	for port in "$@"; do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			die "port $port on 127.0.0.1 is in use (another node?): stop it first"
		fi
	done
}
