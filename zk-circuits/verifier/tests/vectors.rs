//! The verifier crate on its own: circomlibjs Poseidon vectors and a snarkjs proof, with no
//! prover in the dependency graph (what the runtime links).

use ark_bn254::Fr;
use gesim_zk_verifier::{poseidon, snarkjs, validate_vk, verify, verify_stored, VerifyError};
use serde_json::Value;
use std::str::FromStr;

#[test]
fn poseidon_matches_circomlibjs() {
	let json: Value =
		serde_json::from_str(include_str!("../../tests/vectors/poseidon.json")).unwrap();
	for v in json["vectors"].as_array().unwrap() {
		let fr = |x: &Value| Fr::from_str(x.as_str().unwrap()).unwrap();
		let inputs: Vec<Fr> = v["inputs"].as_array().unwrap().iter().map(fr).collect();
		let got = match inputs.len() {
			2 => poseidon::hash2(inputs.clone().try_into().unwrap()),
			4 => poseidon::hash4(inputs.clone().try_into().unwrap()),
			5 => poseidon::hash5(inputs.clone().try_into().unwrap()),
			8 => poseidon::hash8(inputs.clone().try_into().unwrap()),
			n => panic!("unexpected width {n}"),
		};
		assert_eq!(got, fr(&v["output"]), "t = {}", v["t"]);
	}
}

#[test]
fn snarkjs_proof_verifies_from_storage_and_refuses_other_inputs() {
	let key = validate_vk(
		&snarkjs::import_vk(include_str!("../../tests/vectors/snarkjs/verification_key.json"))
			.unwrap(),
	)
	.unwrap();
	let proof =
		snarkjs::import_proof(include_str!("../../tests/vectors/snarkjs/proof.json")).unwrap();
	let mut inputs =
		snarkjs::import_public(include_str!("../../tests/vectors/snarkjs/public.json")).unwrap();
	assert_eq!(verify_stored(key.to_stored().as_bytes(), &proof.0, &inputs), Ok(()));
	inputs.swap(1, 2);
	assert_eq!(verify(&key, &proof.0, &inputs), Err(VerifyError::InvalidProof));
}
