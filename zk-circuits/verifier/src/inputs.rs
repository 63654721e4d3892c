//! Public inputs in the order the circuits expose them, built from chain values.

use crate::{bytes32_limbs, field::PublicInput, fr_to_le_bytes, ProofBytes};
use ark_bn254::Fr;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Public inputs of a usage circuit ([`crate::CircuitId::Usage64`] and its larger batches),
/// in circuit order. The chain builds every one of them itself: only the total comes from the
/// claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UsagePublicInputs {
	/// Usage commitment root anchored on chain (32 LE bytes, canonical).
	pub root: [u8; 32],
	/// Sum of bytes up + bytes down over the batch.
	pub total_bytes: u64,
	/// Claim nonce; the chain records consumed nonces (replay protection).
	pub nonce: u64,
	/// [`crate::usage_binding_bytes`] of telco, subject and chain.
	pub binding: [u8; 32],
	/// The subject's binding id, which every record's `binding_id` equals: an entitlement's
	/// id, or 2^64 + a roaming agreement's id (below 2^65).
	pub subject: u128,
	/// Start of the anchored period, Unix seconds: no session starts before it.
	pub period_start: u64,
	/// End of the anchored period: no session ends after it.
	pub period_end: u64,
	/// [`crate::networks_commitment`] of the networks the usage may have been served on.
	pub networks: [u8; 32],
}

impl UsagePublicInputs {
	/// The eight public inputs as bytes for [`crate::verify`].
	pub fn to_inputs(&self) -> [PublicInput; 8] {
		let scalar = |v: u128| fr_to_le_bytes(&Fr::from(v));
		[
			self.root,
			scalar(self.total_bytes.into()),
			scalar(self.nonce.into()),
			self.binding,
			scalar(self.subject),
			scalar(self.period_start.into()),
			scalar(self.period_end.into()),
			self.networks,
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
