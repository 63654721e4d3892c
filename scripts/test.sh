#!/usr/bin/env bash
# The whole test suite, as CI runs it: unit and runtime tests, then end-to-end tests with
# @polkadot/api against a real dev node and a real four-validator testnet.
#
#   ./scripts/test.sh            # everything
#   ./scripts/test.sh --no-e2e   # cargo tests only
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$GESIM_ROOT"

run_e2e=1
[[ "${1:-}" == --no-e2e ]] && run_e2e=0

timings=()
stage() {
	local name=$1 start=$SECONDS
	shift
	log "── $name"
	"$@"
	timings+=("$(printf '%-28s %5ss' "$name" $((SECONDS - start)))")
}
summary() {
	log "stage timings:"
	printf '  %s\n' "${timings[@]}" >&2
}

started=()
cleanup() {
	for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
	[[ -n "${TESTNET_DIR:-}" ]] && GESIM_TESTNET_DIR="$TESTNET_DIR" scripts/testnet.sh stop >/dev/null 2>&1 || true
	summary
}
trap cleanup EXIT

stage "format (cargo fmt --check)" cargo fmt --all --check
stage "setup" scripts/setup.sh
stage "build (node, wasm runtime, tests)" build_node
stage "cargo tests" cargo test --locked --workspace
# The operator command line's own tests (arguments, records, the real gesim-zk).
stage "gesim-operator" node --test tools/operator/test/
# docker/compose.yaml and the systemd unit against testnet.sh's flags (no container engine here).
stage "deployment files" node --test e2e/deploy/

if ((run_e2e)); then
	LOGS="$CARGO_TARGET_DIR/e2e-logs"
	mkdir -p "$LOGS"

	dev_e2e() {
		local port=9988
		require_free_ports $port 30399 9699
		log "dev node on ws://127.0.0.1:$port, log $LOGS/dev-node.log"
		"$GESIM_NODE" --dev --rpc-port $port --port 30399 --prometheus-port 9699 >"$LOGS/dev-node.log" 2>&1 &
		started+=($!)
		wait_for_rpc $port 60 || die "dev node did not start: see $LOGS/dev-node.log"
		# The provisioning tests start their own SM-DP+ simulator and gateway (logs in $LOGS).
		GESIM_WS="ws://127.0.0.1:$port" GESIM_E2E_LOGS="$LOGS" node --test --test-concurrency=1 e2e/dev/
		kill "${started[-1]}"
	}
	stage "e2e: dev chain" dev_e2e

	testnet_e2e() {
		TESTNET_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gesim-testnet.XXXXXX")
		export GESIM_TESTNET_DIR="$TESTNET_DIR" GESIM_SKIP_BUILD=1
		scripts/testnet.sh start
		GESIM_E2E_LOGS="$LOGS" node --test --test-concurrency=1 e2e/testnet/
		scripts/testnet.sh stop
		rm -rf "$TESTNET_DIR"
		unset TESTNET_DIR
	}
	stage "e2e: 4-validator testnet" testnet_e2e
fi
log "all tests passed"
