//! Groth16 proofs: a 256-byte uncompressed encoding, checked point by point on decode.

use crate::{key::points, VerifyError};
use ark_bn254::{G1Affine, G2Affine};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Length of an encoded proof.
pub const PROOF_BYTES: usize = 256;

/// A proof as it travels in an extrinsic: `A ‖ B ‖ C`, arkworks uncompressed
/// (= `ark_groth16::Proof::serialize_uncompressed`).
///
/// - G1 (A, C): `x ‖ y`, each 32 bytes little-endian; flags (infinity) in the top bits of
///   the last byte of `y`.
/// - G2 (B): `x.c0 ‖ x.c1 ‖ y.c0 ‖ y.c1`, each 32 bytes little-endian (real part first;
///   snarkjs/EIP-197 use big-endian with the imaginary part first, see [`crate::eip197`]).
///
/// Uncompressed because decompressing G2 (a square root in Fq2) is slow in wasm.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ProofBytes(pub [u8; PROOF_BYTES]);

/// A decoded proof whose points are on the curve and in the prime-order subgroups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Proof {
	/// π_A in G1.
	pub a: G1Affine,
	/// π_B in G2.
	pub b: G2Affine,
	/// π_C in G1.
	pub c: G1Affine,
}

impl Proof {
	/// Decodes and checks a proof: curve membership of all three points and, for B,
	/// prime-order subgroup membership (G2 has a large cofactor).
	pub fn from_bytes(bytes: &[u8]) -> Result<Self, VerifyError> {
		if bytes.len() != PROOF_BYTES {
			return Err(VerifyError::MalformedProof);
		}
		let a = points::read_g1(&bytes[..64]).ok_or(VerifyError::MalformedProof)?;
		let b = points::read_g2(&bytes[64..192]).ok_or(VerifyError::MalformedProof)?;
		let c = points::read_g1(&bytes[192..]).ok_or(VerifyError::MalformedProof)?;
		for check in [points::check_g1(&a), points::check_g2(&b), points::check_g1(&c)] {
			check.map_err(|fault| match fault {
				points::Fault::NotOnCurve => VerifyError::ProofPointNotOnCurve,
				points::Fault::NotInSubgroup => VerifyError::ProofPointNotInSubgroup,
			})?;
		}
		Ok(Self { a, b, c })
	}

	/// Encodes the proof (no checks needed: points came from a checked decode or a prover).
	pub fn to_bytes(&self) -> ProofBytes {
		let mut out = [0u8; PROOF_BYTES];
		points::write_g1(&self.a, &mut out[..64]);
		points::write_g2(&self.b, &mut out[64..192]);
		points::write_g1(&self.c, &mut out[192..]);
		ProofBytes(out)
	}
}
