//! Which Groth16 path each runtime takes, read from the wasm the node executes: the runtime
//! the node embeds imports the node's host function, and the rehearsal runtime (built with
//! `wasm-groth16`) checks proofs in its own wasm and imports nothing of the kind.

/// The host function `gesim_zk_host::zk_proofs::bn254_groth16_verify`, as a runtime imports it.
const HOST_FUNCTION: &[u8] = b"ext_zk_proofs_bn254_groth16_verify_version_1";

fn imports_host_function(blob: &[u8]) -> bool {
	let code = sp_maybe_compressed_blob::decompress(blob, 64 << 20).expect("a runtime blob");
	code.windows(HOST_FUNCTION.len()).any(|window| window == HOST_FUNCTION)
}

#[test]
fn the_embedded_runtime_verifies_on_the_host_and_the_wasm_groth16_one_in_wasm() {
	let embedded = gesim_runtime::WASM_BINARY.expect("the runtime's wasm is built");
	let rehearsal = gesim_runtime_upgrade_rehearsal::WASM_BINARY.expect("the rehearsal is built");
	assert!(imports_host_function(embedded));
	assert!(!imports_host_function(rehearsal));
}
