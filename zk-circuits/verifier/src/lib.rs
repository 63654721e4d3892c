//! no_std Groth16 verifier (BN254) for GeSIM's usage-sum and EID-possession proofs.
//!
//! The runtime calls three things, in this order over a key's life:
//! 1. [`validate_vk`] once, when the council registers a verifying key: every point is
//!    checked (on curve, prime-order subgroup, no identity), e(α, β) is computed, and
//!    [`PreparedKey::to_stored`] gives the bytes to keep in storage.
//! 2. [`PreparedKey::from_stored`] for each verification: decodes without re-checking.
//! 3. [`verify`] with the proof bytes and the public inputs the pallet rebuilt itself from
//!    chain state ([`UsagePublicInputs`], [`usage_binding`]); or [`verify_batch`] for several
//!    proofs under one key, checked together, with the same answer for each as [`verify`].
//!
//! Byte layouts (all arkworks-canonical, uncompressed, little-endian) are documented on
//! [`VerifyingKey`], [`ProofBytes`] and [`PublicInput`]. Keys and proofs made by
//! snarkjs/circom are converted with [`eip197`] (and, with `std`, [`snarkjs`]).
//!
//! Replay: Groth16 proofs are malleable (anyone can re-randomise a valid proof into other
//! valid bytes), so the chain must deduplicate on the nonce inside the public inputs,
//! never on proof bytes.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

mod binding;
mod circuit;
pub mod eip197;
mod error;
mod field;
mod inputs;
mod key;
pub mod poseidon;
mod proof;
#[cfg(feature = "std")]
pub mod snarkjs;
mod verify;

pub use binding::{
	bytes32_limbs, networks_commitment, networks_slots, usage_binding, usage_binding_bytes,
	MAX_NETWORKS,
};
pub use circuit::CircuitId;
pub use error::VerifyError;
pub use field::{fr_from_le_bytes, fr_to_le_bytes, PublicInput};
pub use inputs::{EidPublicInputs, UsageClaim, UsagePublicInputs};
pub use key::{
	validate_vk, PreparedKey, PreparedKeyBytes, VerifyingKey, VerifyingKeyBytes,
	MAX_PREPARED_KEY_BYTES, MAX_PUBLIC_INPUTS, MAX_VK_BYTES,
};
pub use proof::{Proof, ProofBytes, PROOF_BYTES};
pub use verify::{
	verify, verify_batch, verify_batch_stored, verify_stored, Groth16Verifier, InRuntime, Verdicts,
};

/// BN254 scalar field: the type of every public input.
pub use ark_bn254::Fr;
