//! The Groth16 check: e(A, B) · e(IC(x), −γ) · e(C, −δ) = e(α, β), for one proof or for a
//! batch under one key.

use crate::{field::fr_from_le_bytes, PreparedKey, Proof, PublicInput, VerifyError};
use alloc::vec::Vec;
use ark_bn254::{Bn254, Fr, G1Affine, G1Projective};
use ark_ec::{pairing::Pairing, AffineRepr, CurveGroup, PrimeGroup, VariableBaseMSM};
use ark_ff::PrimeField;
use blake2::{digest::Digest, Blake2b512};

/// Verifies `proof` (see [`crate::ProofBytes`]) for `inputs` under `key`.
///
/// Order of checks: input count, canonical inputs (< r), proof decoding with curve and
/// subgroup checks, then one multi-Miller loop over three pairs and one final
/// exponentiation compared with the precomputed e(α, β).
pub fn verify(key: &PreparedKey, proof: &[u8], inputs: &[PublicInput]) -> Result<(), VerifyError> {
	Claim::decode(key, proof, inputs)?.check(key)
}

/// A proof decoded and checked point by point, with its public inputs as scalars.
struct Claim {
	proof: Proof,
	inputs: Vec<Fr>,
}

impl Claim {
	fn decode(
		key: &PreparedKey,
		proof: &[u8],
		inputs: &[PublicInput],
	) -> Result<Self, VerifyError> {
		let expected = key.public_input_count();
		if inputs.len() != expected {
			return Err(VerifyError::WrongInputCount {
				expected: expected as u32,
				got: inputs.len().min(u32::MAX as usize) as u32,
			});
		}
		let inputs = inputs
			.iter()
			.enumerate()
			.map(|(index, input)| {
				fr_from_le_bytes(input)
					.ok_or(VerifyError::NonCanonicalInput { index: index as u32 })
			})
			.collect::<Result<Vec<_>, _>>()?;
		Ok(Self { proof: Proof::from_bytes(proof)?, inputs })
	}

	/// The pairing equation for this claim alone.
	fn check(&self, key: &PreparedKey) -> Result<(), VerifyError> {
		let bases = &key.verifying_key().gamma_abc_g1;
		let ic = bases[0].into_group() + msm(&bases[1..], &self.inputs);
		let (gamma_neg, delta_neg) = key.neg_gamma_delta();
		let miller = Bn254::multi_miller_loop(
			[self.proof.a, ic.into_affine(), self.proof.c],
			[self.proof.b.into(), gamma_neg.clone(), delta_neg.clone()],
		);
		match Bn254::final_exponentiation(miller) {
			Some(result) if result == *key.alpha_beta() => Ok(()),
			_ => Err(VerifyError::InvalidProof),
		}
	}
}

fn msm(bases: &[G1Affine], scalars: &[Fr]) -> G1Projective {
	// The lengths are equal by construction; an empty sum is the identity.
	G1Projective::msm(bases, scalars).unwrap_or_default()
}

/// The answer for each proof of a batch, in order: what [`verify`] would say of it alone.
pub type Verdicts = Vec<Result<(), VerifyError>>;

/// Verifies a batch of `(proof, inputs)` under `key`: the answer for each is what [`verify`]
/// would give it alone.
///
/// Each proof is decoded and checked as [`verify`] does; those that pass are checked together
/// with one random linear combination of their equations,
/// Π e(rᵢ·Aᵢ, Bᵢ) · e(Σ rᵢ·ICᵢ, −γ) · e(Σ rᵢ·Cᵢ, −δ) = e(α, β)^Σrᵢ:
/// N + 2 Miller loops and one final exponentiation instead of 3N and N. The 128-bit rᵢ are
/// hashed from `seed` and every proof and input of the batch, so whoever made the proofs
/// cannot choose them; a batch with a false proof passes with probability about 2⁻¹²⁸ per
/// try. When the combination fails, each proof is checked alone so the false ones are named.
/// The caller bounds the batch's length: the work grows with it.
pub fn verify_batch(
	key: &PreparedKey,
	items: &[(&[u8], &[PublicInput])],
	seed: &[u8; 32],
) -> Verdicts {
	let claims: Vec<_> =
		items.iter().map(|(proof, inputs)| Claim::decode(key, proof, inputs)).collect();
	let decoded: Vec<(&Claim, Fr)> = claims
		.iter()
		.zip(coefficients(items, seed))
		.filter_map(|(claim, r)| Some((claim.as_ref().ok()?, r)))
		.collect();
	if !decoded.is_empty() && !combination_holds(key, &decoded) {
		return claims
			.into_iter()
			.map(|claim| claim.and_then(|claim| claim.check(key)))
			.collect();
	}
	claims.into_iter().map(|claim| claim.map(|_| ())).collect()
}

/// [`verify_batch`] with a key straight from storage; `Err` if the key does not decode.
pub fn verify_batch_stored(
	stored_key: &[u8],
	items: &[(&[u8], &[PublicInput])],
	seed: &[u8; 32],
) -> Result<Verdicts, VerifyError> {
	Ok(verify_batch(&PreparedKey::from_stored(stored_key)?, items, seed))
}

/// One 128-bit coefficient per item: BLAKE2b of a domain tag, `seed`, and every proof and
/// input of the batch (lengths included), then of that digest and the item's index.
fn coefficients(items: &[(&[u8], &[PublicInput])], seed: &[u8; 32]) -> Vec<Fr> {
	let mut transcript = Blake2b512::new_with_prefix(b"gesim/groth16-batch/v1");
	transcript.update(seed);
	transcript.update((items.len() as u64).to_le_bytes());
	for (proof, inputs) in items {
		transcript.update((proof.len() as u64).to_le_bytes());
		transcript.update(proof);
		transcript.update((inputs.len() as u64).to_le_bytes());
		inputs.iter().for_each(|input| transcript.update(input));
	}
	let digest = transcript.finalize();
	(0..items.len() as u64)
		.map(|index| {
			let out =
				Blake2b512::new_with_prefix(digest).chain_update(index.to_le_bytes()).finalize();
			let mut r = [0u8; 16];
			r.copy_from_slice(&out[..16]);
			Fr::from(u128::from_le_bytes(r))
		})
		.collect()
}

/// Π e(rᵢ·Aᵢ, Bᵢ) · e(Σ rᵢ·ICᵢ, −γ) · e(Σ rᵢ·Cᵢ, −δ) = e(α, β)^Σrᵢ. The input terms fold into
/// one MSM over the key's bases: Σ rᵢ·ICᵢ = (Σ rᵢ)·IC₀ + Σⱼ (Σᵢ rᵢ·xᵢⱼ)·ICⱼ.
fn combination_holds(key: &PreparedKey, claims: &[(&Claim, Fr)]) -> bool {
	let bases = &key.verifying_key().gamma_abc_g1;
	let mut scalars = alloc::vec![Fr::from(0u64); bases.len()];
	for (claim, r) in claims {
		scalars[0] += r;
		for (scalar, x) in scalars[1..].iter_mut().zip(&claim.inputs) {
			*scalar += *r * x;
		}
	}
	let ic = msm(bases, &scalars);
	let (cs, rs): (Vec<G1Affine>, Vec<Fr>) = claims.iter().map(|(c, r)| (c.proof.c, *r)).unzip();
	let c = msm(&cs, &rs);
	let (gamma_neg, delta_neg) = key.neg_gamma_delta();
	let mut g1 = Vec::with_capacity(claims.len() + 2);
	let mut g2 = Vec::with_capacity(claims.len() + 2);
	for (claim, r) in claims {
		// rᵢ < 2¹²⁸: two limbs, half the doublings of a full scalar.
		g1.push(claim.proof.a.mul_bigint(&r.into_bigint().as_ref()[..2]).into_affine());
		g2.push(claim.proof.b.into());
	}
	g1.extend([ic.into_affine(), c.into_affine()]);
	g2.extend([gamma_neg.clone(), delta_neg.clone()]);
	let sum = scalars[0].into_bigint();
	let expected = key.alpha_beta().mul_bigint(trimmed(sum.as_ref()));
	Bn254::final_exponentiation(Bn254::multi_miller_loop(g1, g2)) == Some(expected)
}

/// `limbs` without its high zero limbs: exponentiation costs one squaring per bit it is given.
fn trimmed(limbs: &[u64]) -> &[u64] {
	let len = limbs.iter().rposition(|limb| *limb != 0).map_or(0, |top| top + 1);
	&limbs[..len]
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

	/// [`verify_batch_stored`], wherever this verifier runs it.
	fn verify_batch_stored(
		stored_key: &[u8],
		items: &[(&[u8], &[PublicInput])],
		seed: &[u8; 32],
	) -> Result<Verdicts, VerifyError>;

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

	fn verify_batch_stored(
		stored_key: &[u8],
		items: &[(&[u8], &[PublicInput])],
		seed: &[u8; 32],
	) -> Result<Verdicts, VerifyError> {
		verify_batch_stored(stored_key, items, seed)
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
