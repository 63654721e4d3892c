//! Import of the big-endian EIP-197 layout used by Ethereum's BN254 precompiles and by
//! snarkjs' Solidity exports (`snarkjs zkey export soliditycalldata`).
//!
//! EIP-197 writes each coordinate as 32 bytes big-endian and a G2 coordinate `c0 + c1·u`
//! as `c1 ‖ c0` (imaginary part first). arkworks (and so GeSIM's chain encoding) writes
//! little-endian with `c0` first. The identity is `(0, 0)` in EIP-197.

use crate::{
	field::fr_from_be_slice, fr_to_le_bytes, Proof, ProofBytes, PublicInput, VerifyError,
	VerifyingKey,
};
use alloc::vec::Vec;
use ark_bn254::{Fq, Fq2, G1Affine, G2Affine};
use ark_ff::{PrimeField, Zero};

/// A base-field coordinate from 32 big-endian bytes; `None` if >= p.
pub fn fq_from_be(bytes: &[u8; 32]) -> Option<Fq> {
	let mut limbs = [0u64; 4];
	for (i, chunk) in bytes.rchunks_exact(8).enumerate() {
		let mut word = [0u8; 8];
		word.copy_from_slice(chunk);
		limbs[i] = u64::from_be_bytes(word);
	}
	Fq::from_bigint(ark_ff::BigInt::new(limbs))
}

fn coord(bytes: &[u8], at: usize) -> Option<Fq> {
	let mut word = [0u8; 32];
	word.copy_from_slice(&bytes[at..at + 32]);
	fq_from_be(&word)
}

/// A G1 point from `x ‖ y` (64 bytes, big-endian). Curve membership is checked later, by
/// [`crate::validate_vk`] or [`crate::verify`].
pub fn g1_from_be(bytes: &[u8; 64]) -> Option<G1Affine> {
	let (x, y) = (coord(bytes, 0)?, coord(bytes, 32)?);
	Some(if x.is_zero() && y.is_zero() {
		G1Affine::identity()
	} else {
		G1Affine::new_unchecked(x, y)
	})
}

/// A G2 point from `x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0` (128 bytes, big-endian, imaginary first).
pub fn g2_from_be(bytes: &[u8; 128]) -> Option<G2Affine> {
	let x = Fq2::new(coord(bytes, 32)?, coord(bytes, 0)?);
	let y = Fq2::new(coord(bytes, 96)?, coord(bytes, 64)?);
	Some(if x.is_zero() && y.is_zero() {
		G2Affine::identity()
	} else {
		G2Affine::new_unchecked(x, y)
	})
}

/// A proof `A ‖ B ‖ C` in EIP-197 layout (256 bytes) as GeSIM [`ProofBytes`].
pub fn proof_from_be(bytes: &[u8; 256]) -> Result<ProofBytes, VerifyError> {
	let part = |from: usize, to: usize| &bytes[from..to];
	let a = g1_from_be(part(0, 64).try_into().map_err(|_| VerifyError::MalformedProof)?);
	let b = g2_from_be(part(64, 192).try_into().map_err(|_| VerifyError::MalformedProof)?);
	let c = g1_from_be(part(192, 256).try_into().map_err(|_| VerifyError::MalformedProof)?);
	match (a, b, c) {
		(Some(a), Some(b), Some(c)) => Ok(Proof { a, b, c }.to_bytes()),
		_ => Err(VerifyError::MalformedProof),
	}
}

/// A verifying key given as EIP-197 points (α, β, γ, δ, IC) in GeSIM's [`VerifyingKey`]
/// encoding, fully validated.
pub fn vk_from_be(
	alpha: &[u8; 64],
	beta: &[u8; 128],
	gamma: &[u8; 128],
	delta: &[u8; 128],
	ic: &[[u8; 64]],
) -> Result<Vec<u8>, VerifyError> {
	let g1 = |b: &[u8; 64]| g1_from_be(b).ok_or(VerifyError::MalformedKey);
	let g2 = |b: &[u8; 128]| g2_from_be(b).ok_or(VerifyError::MalformedKey);
	let vk = VerifyingKey {
		alpha_g1: g1(alpha)?,
		beta_g2: g2(beta)?,
		gamma_g2: g2(gamma)?,
		delta_g2: g2(delta)?,
		gamma_abc_g1: ic.iter().map(g1).collect::<Result<_, _>>()?,
	};
	let bytes = vk.to_bytes();
	VerifyingKey::from_bytes(&bytes)?;
	Ok(bytes)
}

/// A public input as 32 big-endian bytes (EIP-197 / Solidity `uint256`) in GeSIM's
/// little-endian form; values >= r are refused, never reduced.
pub fn input_from_be(bytes: &[u8; 32], index: u32) -> Result<PublicInput, VerifyError> {
	fr_from_be_slice(bytes)
		.map(|x| fr_to_le_bytes(&x))
		.ok_or(VerifyError::NonCanonicalInput { index })
}
