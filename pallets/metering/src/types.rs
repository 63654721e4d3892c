//! Metering's domain types.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use gesim_primitives::{Bytes, EntitlementId, IntentId, StablecoinAmount, UsageSubject};
use gesim_zk_verifier::{CircuitId, PreparedKeyBytes};
use scale_info::TypeInfo;

/// A verifying key's version within its circuit: a new trusted setup is a new version.
pub type KeyVersion = u16;

/// Which verifying key a proof is checked with.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct KeyId {
	/// The circuit the key was made for.
	pub circuit: CircuitId,
	/// Its version.
	pub version: KeyVersion,
}

/// A verifying key the council registered, validated once and kept in its prepared form.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RegisteredKey {
	/// The key with e(α, β) precomputed ([`gesim_zk_verifier::PreparedKey::to_stored`]),
	/// uncompressed so that verification never decompresses a point.
	pub key: PreparedKeyBytes,
	/// Retired keys verify nothing more; they stay so that past settlements can be audited.
	pub retired: bool,
}

/// When the usage in a batch happened: from its first session's start to its last
/// session's end, in Unix seconds. Every session of the batch lies inside it (the proof
/// shows it), periods of one subject never overlap, and none ends in the future.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct UsagePeriod {
	/// First session's start.
	pub start: u64,
	/// Last session's end (not before `start`).
	pub end: u64,
}

/// A batch of usage records an operator committed to, waiting for its proof.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct UsageCommitment<BlockNumber> {
	/// What the usage is invoiced to.
	pub subject: UsageSubject,
	/// The key its proof will be checked with (its circuit fixes the batch size).
	pub key: KeyId,
	/// Poseidon root of the batch (32 little-endian bytes, a canonical field element).
	pub root: [u8; 32],
	/// When the usage happened.
	pub period: UsagePeriod,
	/// When it was anchored.
	pub anchored_at: BlockNumber,
	/// `gesim_zk_verifier::networks_commitment` of the operator's networks when it anchored:
	/// every record was served on one of them.
	pub networks: [u8; 32],
	/// The subject's usage clock before this anchor moved it, so a discard can give the
	/// period back.
	pub clock_before: u64,
}

/// What was billed to an entitlement and what its holder acknowledged having used.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct EntitlementUsage {
	/// Bytes every settlement took from the quota together (paid or held).
	pub billed: Bytes,
	/// The holder's latest acknowledgement: bytes its device counted for this entitlement,
	/// in all. Only goes up.
	pub acknowledged: Bytes,
}

/// The part of a settlement beyond what the subscriber acknowledged: its money is reserved in
/// escrow until the challenge window ends (or an acknowledgement covers it), and then paid.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct HeldSettlement<BlockNumber> {
	/// The entitlement billed.
	pub entitlement: EntitlementId,
	/// Its escrow intent, where the money is reserved.
	pub intent: IntentId,
	/// Reserved money (the margin is taken when it is paid).
	pub amount: StablecoinAmount,
	/// Bytes it pays for.
	pub bytes: Bytes,
	/// The entitlement's billed bytes with this settlement: an acknowledgement (plus the
	/// tolerance) reaching it covers the whole settlement.
	pub billed_through: Bytes,
	/// The first block it may be paid in without an acknowledgement.
	pub releases_at: BlockNumber,
}
