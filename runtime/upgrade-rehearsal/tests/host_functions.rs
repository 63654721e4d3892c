//! Which Groth16 path each runtime takes, read from the wasm the node executes: the runtime
//! the node embeds imports the node's host function, and the rehearsal runtime (built with
//! `wasm-groth16`) checks proofs in its own wasm and imports nothing of the kind.

/// The host functions of `gesim_zk_host::zk_proofs`, as a runtime imports them.
const HOST_FUNCTIONS: [&[u8]; 4] = [
	b"ext_zk_proofs_bn254_groth16_verify_version_1",
	b"ext_zk_proofs_bn254_groth16_verify_batch_version_1",
	b"ext_zk_proofs_usage_binding_version_1",
	b"ext_zk_proofs_networks_commitment_version_1",
];

/// Which of [`HOST_FUNCTIONS`] the runtime `blob` names.
fn host_functions_named(blob: &[u8]) -> Vec<bool> {
	let code = sp_maybe_compressed_blob::decompress(blob, 64 << 20).expect("a runtime blob");
	HOST_FUNCTIONS
		.iter()
		.map(|name| code.windows(name.len()).any(|window| window == *name))
		.collect()
}

#[test]
fn the_embedded_runtime_verifies_on_the_host_and_the_wasm_groth16_one_in_wasm() {
	let embedded = gesim_runtime::WASM_BINARY.expect("the runtime's wasm is built");
	let rehearsal = gesim_runtime_upgrade_rehearsal::WASM_BINARY.expect("the rehearsal is built");
	assert_eq!(host_functions_named(embedded), [true; 4]);
	assert_eq!(host_functions_named(rehearsal), [false; 4]);
}
