//! Public inputs in the order the circuits expose them, built from chain values.

use crate::{bytes32_limbs, field::PublicInput, fr_to_le_bytes, ProofBytes};
use ark_bn254::Fr;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Public inputs of the usage-sum circuit, in circuit order: root, total, nonce, binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UsagePublicInputs {
	/// Usage commitment root anchored on chain (32 LE bytes, canonical).
	pub root: [u8; 32],
	/// Sum of bytes up + bytes down over the batch.
	pub total_bytes: u64,
	/// Claim nonce; the chain records consumed nonces (replay protection).
	pub nonce: u64,
	/// [`crate::usage_binding_bytes`] of telco, agreement and chain.
	pub binding: [u8; 32],
}

impl UsagePublicInputs {
	/// The four public inputs as bytes for [`crate::verify`].
	pub fn to_inputs(&self) -> [PublicInput; 4] {
		[
			self.root,
			fr_to_le_bytes(&Fr::from(self.total_bytes)),
			fr_to_le_bytes(&Fr::from(self.nonce)),
			self.binding,
		]
	}
}

/// Public inputs of the EID-possession circuit: commitment, account (two 128-bit halves).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EidPublicInputs {
	/// Poseidon2(eid, salt) as recorded on the SBT (32 LE bytes, canonical).
	pub commitment: [u8; 32],
	/// The AccountId32 the proof is bound to.
	pub account: [u8; 32],
}

impl EidPublicInputs {
	/// The three public inputs as bytes for [`crate::verify`].
	pub fn to_inputs(&self) -> [PublicInput; 3] {
		let [hi, lo] = bytes32_limbs(&self.account);
		[self.commitment, fr_to_le_bytes(&hi), fr_to_le_bytes(&lo)]
	}
}

/// What an operator submits to claim payment: the chain already knows the root (anchored
/// commitment) and recomputes the binding, so only these travel in the extrinsic.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct UsageClaim {
	/// Claimed total bytes (public input 1).
	pub total_bytes: u64,
	/// Claim nonce (public input 2).
	pub nonce: u64,
	/// The Groth16 proof.
	pub proof: ProofBytes,
}
