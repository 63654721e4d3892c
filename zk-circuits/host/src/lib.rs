//! Groth16 verification on BN254 as host functions: the node runs the check natively, and the
//! runtime calls it through [`zk_proofs::bn254_groth16_verify`]. polkadot-sdk's own
//! elliptic-curve host functions (`sp-crypto-ec-utils`) do not cover BN254.
//!
//! # Where the cut is
//! The host runs the **whole** check of [`gesim_zk_verifier::verify_stored`]: decoding the
//! stored key, the input count, canonical inputs (< r), the proof's curve and subgroup checks,
//! the input multi-scalar multiplication, one multi-Miller loop and one final exponentiation.
//! The alternative, only the pairing on the host with the checks and the MSM left in the
//! runtime, keeps less consensus code on the host but leaves the G2 subgroup check, the MSM
//! and the preparation of the key's G2 points in wasm: most of what makes wasm six times
//! slower. The code the host runs is the same crate the runtime would otherwise compile, so
//! the consensus rules stay in one place, and every byte string the runtime passes (it
//! forwards untrusted proofs and inputs) gets the same explicit checks and the same named
//! error on both paths; `zk-circuits/tests/verifier_should.rs` runs every accept and reject
//! vector through both and holds them to identical answers.
//!
//! Batches ([`zk_proofs::bn254_groth16_verify_batch`]) are cut the same way: the whole
//! [`gesim_zk_verifier::verify_batch_stored`] runs on the host, its coefficients included.
//!
//! # Deploying
//! A host function is consensus code. Every validator must run a node release that provides
//! it before a runtime that calls it is enacted: a node without it cannot execute such a
//! runtime's blocks. A parachain's validators run only the standard host functions, so a
//! parachain runtime keeps the pure-wasm path ([`gesim_zk_verifier::InRuntime`]).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use gesim_zk_verifier::{Groth16Verifier, PublicInput, Verdicts, VerifyError};
use sp_runtime_interface::{
	pass_by::{
		AllocateAndReturnByCodec, AllocateAndReturnPointer, PassFatPointerAndDecode,
		PassFatPointerAndRead, PassPointerAndRead,
	},
	runtime_interface,
};

/// The host functions; register [`zk_proofs::HostFunctions`] in the node's executor.
#[runtime_interface]
pub trait ZkProofs {
	/// [`gesim_zk_verifier::verify_stored`] of `proof` for `inputs` (the public inputs'
	/// 32-byte encodings, concatenated) under `stored_key`, run by the node.
	fn bn254_groth16_verify(
		stored_key: PassFatPointerAndRead<&[u8]>,
		proof: PassFatPointerAndRead<&[u8]>,
		inputs: PassFatPointerAndRead<&[u8]>,
	) -> AllocateAndReturnByCodec<Result<(), VerifyError>> {
		let inputs = split_inputs(inputs)?;
		gesim_zk_verifier::verify_stored(stored_key, proof, &inputs)
	}

	/// [`gesim_zk_verifier::verify_batch_stored`] of `items` (each a proof and its public
	/// inputs) under `stored_key` with the coefficients' `seed`, run by the node.
	fn bn254_groth16_verify_batch(
		stored_key: PassFatPointerAndRead<&[u8]>,
		items: PassFatPointerAndDecode<Vec<(Vec<u8>, Vec<PublicInput>)>>,
		seed: PassPointerAndRead<&[u8; 32], 32>,
	) -> AllocateAndReturnByCodec<Result<Verdicts, VerifyError>> {
		let items: Vec<(&[u8], &[PublicInput])> =
			items.iter().map(|(proof, inputs)| (&proof[..], &inputs[..])).collect();
		gesim_zk_verifier::verify_batch_stored(stored_key, &items, seed)
	}

	/// [`gesim_zk_verifier::usage_binding_bytes`] for the agreement id
	/// `agreement_hi · 2^64 + agreement_lo`, hashed by the node.
	fn usage_binding(
		telco: PassPointerAndRead<&[u8; 32], 32>,
		agreement_hi: u64,
		agreement_lo: u64,
		genesis_hash: PassPointerAndRead<&[u8; 32], 32>,
	) -> AllocateAndReturnPointer<[u8; 32], 32> {
		let agreement_id = (u128::from(agreement_hi) << 64) | u128::from(agreement_lo);
		gesim_zk_verifier::usage_binding_bytes(telco, agreement_id, genesis_hash)
	}

	/// [`gesim_zk_verifier::networks_commitment`] of `plmns` (their BCD values as
	/// little-endian `u32`s, concatenated), as 32 little-endian bytes, hashed by the node.
	/// `None` where the verifier's is, or for a length that is not whole `u32`s.
	fn networks_commitment(
		plmns: PassFatPointerAndRead<&[u8]>,
	) -> AllocateAndReturnByCodec<Option<[u8; 32]>> {
		let chunks = plmns.chunks_exact(4);
		if !chunks.remainder().is_empty() {
			return None;
		}
		let plmns: Vec<u32> =
			chunks.map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
		gesim_zk_verifier::networks_commitment(&plmns)
			.map(|c| gesim_zk_verifier::fr_to_le_bytes(&c))
	}
}

/// The public inputs in `bytes`; a length that is not a whole number of inputs names the
/// first incomplete one.
#[cfg_attr(substrate_runtime, allow(dead_code))]
fn split_inputs(bytes: &[u8]) -> Result<Vec<PublicInput>, VerifyError> {
	let chunks = bytes.chunks_exact(32);
	if !chunks.remainder().is_empty() {
		return Err(VerifyError::NonCanonicalInput { index: (bytes.len() / 32) as u32 });
	}
	Ok(chunks.map(|chunk| chunk.try_into().unwrap_or([0; 32])).collect())
}

/// The check run on the node through [`zk_proofs::bn254_groth16_verify`].
pub struct OnHost;

impl Groth16Verifier for OnHost {
	fn verify_stored(
		stored_key: &[u8],
		proof: &[u8],
		inputs: &[PublicInput],
	) -> Result<(), VerifyError> {
		zk_proofs::bn254_groth16_verify(stored_key, proof, &inputs.concat())
	}

	fn verify_batch_stored(
		stored_key: &[u8],
		items: &[(&[u8], &[PublicInput])],
		seed: &[u8; 32],
	) -> Result<Verdicts, VerifyError> {
		let items = items.iter().map(|(proof, inputs)| (proof.to_vec(), inputs.to_vec())).collect();
		zk_proofs::bn254_groth16_verify_batch(stored_key, items, seed)
	}

	fn usage_binding(telco: &[u8; 32], agreement_id: u128, genesis_hash: &[u8; 32]) -> [u8; 32] {
		zk_proofs::usage_binding(
			telco,
			(agreement_id >> 64) as u64,
			agreement_id as u64,
			genesis_hash,
		)
	}

	fn networks_commitment(plmns: &[u32]) -> Option<[u8; 32]> {
		let bytes: Vec<u8> = plmns.iter().flat_map(|p| p.to_le_bytes()).collect();
		zk_proofs::networks_commitment(&bytes)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn inputs_that_are_not_whole_field_elements_are_refused_by_name() {
		assert_eq!(split_inputs(&[0; 64]).map(|inputs| inputs.len()), Ok(2));
		assert_eq!(split_inputs(&[]).map(|inputs| inputs.len()), Ok(0));
		assert_eq!(split_inputs(&[0; 65]), Err(VerifyError::NonCanonicalInput { index: 2 }));
		assert_eq!(
			zk_proofs::bn254_groth16_verify(&[], &[], &[1; 31]),
			Err(VerifyError::NonCanonicalInput { index: 0 })
		);
		// Junk everywhere else: a named error from the verifier, never a panic.
		assert_eq!(
			zk_proofs::bn254_groth16_verify(&[1; 40], &[2; 256], &[0; 32]),
			Err(VerifyError::MalformedKey)
		);
	}

	#[test]
	fn the_node_hashes_bindings_and_networks_exactly_as_the_runtime_would() {
		use gesim_zk_verifier::InRuntime;
		for (telco, id, genesis) in [
			([0u8; 32], 0u128, [0u8; 32]),
			([0xd4; 32], 42, [0x91; 32]),
			([0xff; 32], (1 << 64) | 7, [0x01; 32]),
			([0x5a; 32], u128::MAX, [0xff; 32]),
		] {
			assert_eq!(
				OnHost::usage_binding(&telco, id, &genesis),
				InRuntime::usage_binding(&telco, id, &genesis)
			);
		}
		let plmns: Vec<u32> = (0..17).map(|i| 0x02F810 + i).collect();
		for n in 0..=17 {
			assert_eq!(
				OnHost::networks_commitment(&plmns[..n]),
				InRuntime::networks_commitment(&plmns[..n]),
				"{n} networks"
			);
		}
		assert_eq!(InRuntime::networks_commitment(&[]), None);
		assert_eq!(OnHost::networks_commitment(&plmns[..17]), None);
		assert_eq!(zk_proofs::networks_commitment(&[1, 2, 3]), None, "not whole u32s");
	}
}
