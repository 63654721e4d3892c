#!/usr/bin/env bash
# A local testnet of four operator validators on 127.0.0.1, each with its own base path,
# session keys (inserted with `gesim-node key insert`) and node key; node 1 is the bootnode.
#
#   ./scripts/testnet.sh start        # all four (builds the node first)
#   ./scripts/testnet.sh stop         # all four
#   ./scripts/testnet.sh stop N       # only validator N (1-4)
#   ./scripts/testnet.sh start N      # start validator N again; it catches up
#   ./scripts/testnet.sh status
#   ./scripts/testnet.sh args N       # the node arguments of validator N, one per line
#
# Validator N: p2p port 30333+N, RPC ws://127.0.0.1:(9944+N), Prometheus 9615+N.
# State and logs: $GESIM_TESTNET_DIR (default ./.testnet), one folder per validator.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="${GESIM_TESTNET_DIR:-$GESIM_ROOT/.testnet}"
SPEC="$DIR/chain-spec.json"
OPERATORS=(Alice Bob Charlie Dave)

rpc_port() { echo $((9944 + $1)); }
p2p_port() { echo $((30333 + $1)); }
node_dir() { echo "$DIR/validator-$1"; }
pid_of() { cat "$(node_dir "$1")/pid" 2>/dev/null || true; }
running() { local pid; pid=$(pid_of "$1"); [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }

# Chain spec, node keys and session keys: made once, kept across stop/start.
prepare() {
	mkdir -p "$DIR"
	[[ -f "$SPEC" ]] || "$GESIM_NODE" export-chain-spec --chain local --raw --output "$SPEC"
	for n in 1 2 3 4; do
		local d seed
		d=$(node_dir "$n")
		seed="//${OPERATORS[$((n - 1))]}"
		[[ -f "$d/node-key" ]] && continue
		mkdir -p "$d"
		"$GESIM_NODE" key generate-node-key --file "$d/node-key"
		"$GESIM_NODE" key insert --base-path "$d" --chain "$SPEC" --scheme sr25519 --suri "$seed" --key-type aura
		"$GESIM_NODE" key insert --base-path "$d" --chain "$SPEC" --scheme ed25519 --suri "$seed" --key-type gran
	done
}

# The node's arguments for validator N (docker/compose.yaml and docker/gesim-node.service
# mirror them; e2e/deploy checks that they do).
node_args() {
	local n=$1 d
	d=$(node_dir "$n")
	local args=(
		--chain "$SPEC"
		--base-path "$d"
		--name "operator-$n-${OPERATORS[$((n - 1))],,}"
		--validator
		--node-key-file "$d/node-key"
		--port "$(p2p_port "$n")"
		--rpc-port "$(rpc_port "$n")"
		--prometheus-port $((9615 + n))
	)
	if ((n != 1)); then
		args+=(--bootnodes "/ip4/127.0.0.1/tcp/$(p2p_port 1)/p2p/$(bootnode_peer_id)")
	fi
	printf '%s\n' "${args[@]}"
}

bootnode_peer_id() {
	if [[ -f "$(node_dir 1)/node-key" ]]; then
		"$GESIM_NODE" key inspect-node-key --file "$(node_dir 1)/node-key"
	else
		echo "<peer id of validator 1>"
	fi
}

start_one() {
	local n=$1 d args
	d=$(node_dir "$n")
	if running "$n"; then log "validator $n already running (pid $(pid_of "$n"))"; return; fi
	require_free_ports "$(rpc_port "$n")" "$(p2p_port "$n")" $((9615 + n))
	mapfile -t args < <(node_args "$n")
	"$GESIM_NODE" "${args[@]}" >>"$d/node.log" 2>&1 &
	echo $! >"$d/pid"
	wait_for_rpc "$(rpc_port "$n")" 60 || die "validator $n did not start: see $d/node.log"
	log "validator $n (${OPERATORS[$((n - 1))]}) up: ws://127.0.0.1:$(rpc_port "$n"), log $d/node.log"
}

stop_one() {
	local n=$1 pid
	pid=$(pid_of "$n")
	if ! running "$n"; then log "validator $n is not running"; return; fi
	kill "$pid"
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
	kill -9 "$pid" 2>/dev/null || true
	rm -f "$(node_dir "$n")/pid"
	log "validator $n stopped"
}

status() {
	for n in 1 2 3 4; do
		if running "$n"; then echo "validator $n: running (pid $(pid_of "$n"), ws://127.0.0.1:$(rpc_port "$n"))"
		else echo "validator $n: stopped"; fi
	done
}

command=${1:-}
which=${2:-all}
[[ "$which" == all || "$which" =~ ^[1-4]$ ]] || die "validator must be 1-4, not '$which'"
case "$command" in
	start)
		[[ -x "$GESIM_NODE" && "${GESIM_SKIP_BUILD:-}" == 1 ]] || build_node
		prepare
		if [[ "$which" == all ]]; then for n in 1 2 3 4; do start_one "$n"; done; else start_one "$which"; fi
		;;
	stop)
		if [[ "$which" == all ]]; then for n in 4 3 2 1; do stop_one "$n"; done; else stop_one "$which"; fi
		;;
	status) status ;;
	args)
		[[ "$which" =~ ^[1-4]$ ]] || die "args needs a validator, 1-4"
		node_args "$which"
		;;
	*) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 1 ;;
esac
