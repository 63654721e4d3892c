//! Field elements as the chain carries them: 32 bytes, little-endian, canonical (< r).

use ark_bn254::Fr;
use ark_ff::{BigInteger, PrimeField};

/// One public input: a BN254 scalar as 32 little-endian bytes, required to be < r.
pub type PublicInput = [u8; 32];

/// Decodes a canonical little-endian scalar; `None` if the value is >= r.
pub fn fr_from_le_bytes(bytes: &[u8; 32]) -> Option<Fr> {
	let mut limbs = [0u64; 4];
	for (limb, chunk) in limbs.iter_mut().zip(bytes.chunks_exact(8)) {
		let mut word = [0u8; 8];
		word.copy_from_slice(chunk);
		*limb = u64::from_le_bytes(word);
	}
	// from_bigint refuses values >= r instead of reducing them: that is the canonical check.
	Fr::from_bigint(ark_ff::BigInt::new(limbs))
}

/// Encodes a scalar as 32 little-endian bytes.
pub fn fr_to_le_bytes(value: &Fr) -> [u8; 32] {
	let mut out = [0u8; 32];
	out.copy_from_slice(&value.into_bigint().to_bytes_le());
	out
}

/// A big-endian byte string of at most 32 bytes as an integer; `None` if >= r.
pub(crate) fn fr_from_be_slice(bytes: &[u8]) -> Option<Fr> {
	if bytes.len() > 32 {
		return None;
	}
	let mut le = [0u8; 32];
	for (dst, src) in le.iter_mut().zip(bytes.iter().rev()) {
		*dst = *src;
	}
	fr_from_le_bytes(&le)
}
