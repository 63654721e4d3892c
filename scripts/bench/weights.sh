#!/usr/bin/env bash
# Measures the weights of GeSIM's pallets on the real wasm runtime and writes each
# pallets/<p>/src/weights.rs, with `gesim-node benchmark pallet`.
#
#   ./scripts/bench/weights.sh                   # every GeSIM pallet the runtime benchmarks
#   ./scripts/bench/weights.sh governance        # only pallets/governance
#   ./scripts/bench/weights.sh --upstream        # also the runtime's polkadot-sdk pallets,
#                                                # into runtime/src/weights/<pallet>.rs
#   ./scripts/bench/weights.sh --wasm-groth16 metering sbt-identity
#                                                # those pallets with proofs checked in wasm
#                                                # (runtime feature wasm-groth16), into
#                                                # runtime/src/weights/<pallet>_wasm_groth16.rs
#   STEPS=3 REPEAT=1 ./scripts/bench/weights.sh  # a quick smoke run: do not commit its weights
#
# The benchmarking runtime (feature `runtime-benchmarks`) is built in its own target directory,
# $CARGO_TARGET_DIR/runtime-benchmarks, so the node's embedded runtime stays the production one
# and neither build invalidates the other. Only the wasm is compiled there: the host side is
# `cargo check`ed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

STEPS=${STEPS:-50}
REPEAT=${REPEAT:-20}
BENCH_TARGET_DIR="$CARGO_TARGET_DIR/runtime-benchmarks"
WASM="$BENCH_TARGET_DIR/debug/wbuild/gesim-runtime/gesim_runtime.compact.compressed.wasm"

upstream=false
wasm_groth16=false
only=()
for arg in "$@"; do
	case "$arg" in
		--upstream) upstream=true ;;
		--wasm-groth16) wasm_groth16=true ;;
		-h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		-*) die "unknown flag $arg (see --help)" ;;
		*) [ -d "$GESIM_ROOT/pallets/$arg" ] || die "no pallet pallets/$arg"; only+=("$arg") ;;
	esac
done
if $wasm_groth16; then
	$upstream && die "--wasm-groth16 measures GeSIM pallets only"
	[ ${#only[@]} -gt 0 ] || die "--wasm-groth16 needs the pallets that check proofs (metering sbt-identity)"
fi
features=runtime-benchmarks
$wasm_groth16 && features+=,wasm-groth16

started=$SECONDS
stage() { printf '%-34s %4ds\n' "$1" "$2" >>"$timings"; }
timings=$(mktemp)
trap 'rm -f "$timings"' EXIT

t=$SECONDS
build_node
stage "node (cargo build --workspace)" $((SECONDS - t))

t=$SECONDS
log "building the benchmarking runtime, features $features (target dir $BENCH_TARGET_DIR)"
# The same directory for both feature sets: switching rebuilds only the runtime crate.
(cd "$GESIM_ROOT" && CARGO_TARGET_DIR="$BENCH_TARGET_DIR" \
	cargo check --locked -p gesim-runtime --features "$features")
# `cargo check` may stop before the compaction step: the plain wasm runs just the same.
[ -f "$WASM" ] || WASM="${WASM%.compact.compressed.wasm}.wasm"
[ -f "$WASM" ] || die "the benchmarking runtime was not built: $WASM is missing"
stage "runtime wasm ($features)" $((SECONDS - t))

bench() { "$GESIM_NODE" benchmark pallet --runtime "$WASM" --steps "$STEPS" --repeat "$REPEAT" "$@"; }

# `pallet_telco_registry` is pallets/telco-registry: a GeSIM pallet is one with a folder there.
benchmarks=$(bench --list)
mapfile -t pallets < <(cut -d' ' -f1 <<<"$benchmarks" | sort -u)
ran=0
for pallet in "${pallets[@]}"; do
	dir=${pallet#pallet_}
	dir=${dir//_/-}
	if [ -d "$GESIM_ROOT/pallets/$dir" ]; then
		if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $dir "* ]]; then continue; fi
		output="pallets/$dir/src/weights.rs"
		args=(--weights-shape pallet)
		if $wasm_groth16; then
			mkdir -p "$GESIM_ROOT/runtime/src/weights"
			output="runtime/src/weights/${pallet}_wasm_groth16.rs"
			args=(--weights-shape runtime)
		fi
	elif $upstream && [ ${#only[@]} -eq 0 ]; then
		mkdir -p "$GESIM_ROOT/runtime/src/weights"
		output="runtime/src/weights/$pallet.rs"
		args=(--weights-shape runtime)
	else
		continue
	fi
	t=$SECONDS
	log "benchmarking $pallet -> $output"
	(cd "$GESIM_ROOT" && bench --pallet "$pallet" --output "$output" "${args[@]}")
	stage "$pallet" $((SECONDS - t))
	ran=$((ran + 1))
done
[ "$ran" -gt 0 ] || die "no GeSIM pallet is in the runtime's define_benchmarks! (runtime/src/benchmarks.rs)"

log "done in $((SECONDS - started))s:"
cat "$timings" >&2
