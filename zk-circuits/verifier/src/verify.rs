//! The Groth16 check: e(A, B) · e(IC(x), −γ) · e(C, −δ) = e(α, β).

use crate::{field::fr_from_le_bytes, PreparedKey, Proof, PublicInput, VerifyError};
use ark_bn254::Bn254;
use ark_ec::{pairing::Pairing, AffineRepr, CurveGroup};

/// Verifies `proof` (see [`crate::ProofBytes`]) for `inputs` under `key`.
///
/// Order of checks: input count, canonical inputs (< r), proof decoding with curve and
/// subgroup checks, then one multi-Miller loop over three pairs and one final
/// exponentiation compared with the precomputed e(α, β).
pub fn verify(key: &PreparedKey, proof: &[u8], inputs: &[PublicInput]) -> Result<(), VerifyError> {
	let vk = key.verifying_key();
	if inputs.len() != vk.public_input_count() {
		return Err(VerifyError::WrongInputCount {
			expected: vk.public_input_count() as u32,
			got: inputs.len().min(u32::MAX as usize) as u32,
		});
	}
	let mut ic = vk.gamma_abc_g1[0].into_group();
	for (index, (input, base)) in inputs.iter().zip(&vk.gamma_abc_g1[1..]).enumerate() {
		let x = fr_from_le_bytes(input)
			.ok_or(VerifyError::NonCanonicalInput { index: index as u32 })?;
		ic += *base * x;
	}
	let proof = Proof::from_bytes(proof)?;
	let (gamma_neg, delta_neg) = key.neg_gamma_delta();
	let miller = Bn254::multi_miller_loop(
		[proof.a, ic.into_affine(), proof.c],
		[proof.b.into(), gamma_neg.clone(), delta_neg.clone()],
	);
	match Bn254::final_exponentiation(miller) {
		Some(result) if result == *key.alpha_beta() => Ok(()),
		_ => Err(VerifyError::InvalidProof),
	}
}

/// Where a runtime runs what checking a usage proof takes — the Groth16 check and the Poseidon
/// hashes that build its public inputs: [`InRuntime`] (this crate, compiled into the runtime:
/// wasm on a node) or on the node through host functions (`gesim-zk-host`). Pallets take one
/// through their `Config`; both give the same answer for every input.
pub trait Groth16Verifier {
	/// [`verify_stored`], wherever this verifier runs it.
	fn verify_stored(
		stored_key: &[u8],
		proof: &[u8],
		inputs: &[PublicInput],
	) -> Result<(), VerifyError>;

	/// [`crate::usage_binding_bytes`], wherever this verifier hashes.
	fn usage_binding(telco: &[u8; 32], agreement_id: u128, genesis_hash: &[u8; 32]) -> [u8; 32] {
		crate::usage_binding_bytes(telco, agreement_id, genesis_hash)
	}

	/// [`crate::networks_commitment`] as its 32 little-endian bytes, wherever this verifier
	/// hashes.
	fn networks_commitment(plmns: &[u32]) -> Option<[u8; 32]> {
		crate::networks_commitment(plmns).map(|c| crate::fr_to_le_bytes(&c))
	}
}

/// The check compiled into the caller: inside a runtime, it runs in wasm. A parachain's
/// validators run only the standard host functions, so a parachain runtime takes this one.
pub struct InRuntime;

impl Groth16Verifier for InRuntime {
	fn verify_stored(
		stored_key: &[u8],
		proof: &[u8],
		inputs: &[PublicInput],
	) -> Result<(), VerifyError> {
		verify_stored(stored_key, proof, inputs)
	}
}

/// [`verify`] with a key straight from storage ([`PreparedKey::to_stored`] bytes).
pub fn verify_stored(
	stored_key: &[u8],
	proof: &[u8],
	inputs: &[PublicInput],
) -> Result<(), VerifyError> {
	verify(&PreparedKey::from_stored(stored_key)?, proof, inputs)
}
