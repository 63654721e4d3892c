//! Groth16 verification on BN254 as a host function: the node runs the check natively and the
//! runtime calls it through [`zk_proofs::bn254_groth16_verify`]. polkadot-sdk's own elliptic-curve host
//! functions (`sp-crypto-ec-utils`) do not cover BN254.
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
//! # Deploying
//! A host function is consensus code. Every validator must run a node release that provides
//! it before a runtime that calls it is enacted: a node without it cannot execute such a
//! runtime's blocks. A parachain's validators run only the standard host functions, so a
//! parachain runtime keeps the pure-wasm path ([`gesim_zk_verifier::InRuntime`]).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use gesim_zk_verifier::{Groth16Verifier, PublicInput, VerifyError};
use sp_runtime_interface::{
	pass_by::{AllocateAndReturnByCodec, PassFatPointerAndRead},
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
}
