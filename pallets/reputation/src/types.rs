//! Ratings and scores.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use gesim_primitives::Bytes;
use scale_info::TypeInfo;
use sp_core::H256;

/// Who rated on an entitlement: its holder rates the operator, its operator rates the holder.
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
pub enum Rater {
	/// The entitlement's holder, rating its operator.
	Subscriber,
	/// The entitlement's operator, rating its holder.
	Operator,
}

/// One rating, kept so that an entitlement is rated once from each side.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Rating<BlockNumber> {
	/// 1 to 5.
	pub stars: u8,
	/// What it weighs: the entitlement's usage proved when it was given, in bytes.
	pub weight: Bytes,
	/// When it was given.
	pub at: BlockNumber,
}

/// An operator's or a subscriber's ratings, summed with their weights and decayed with time:
/// each sum halves every half-life, so recent service counts more than old.
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Score<BlockNumber> {
	/// Σ stars × weight, decayed.
	pub weighted_stars: u128,
	/// Σ weight, decayed, in bytes.
	pub weight: u128,
	/// Ratings given, not decayed.
	pub ratings: u32,
	/// Abuse flags operators raised (subscribers only).
	pub flags: u32,
	/// The block both sums were last decayed to.
	pub updated_at: BlockNumber,
}

/// A score as queries return it, decayed to now.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct ScoreView {
	/// The weighted average, in hundredths of a star (100 to 500); `None` before any rating,
	/// or once every rating's weight has decayed away.
	pub stars_centi: Option<u32>,
	/// The weight behind it, in bytes of proved usage, decayed.
	pub weight: u128,
	/// Ratings given.
	pub ratings: u32,
	/// Abuse flags operators raised (subscribers only).
	pub flags: u32,
}

/// An operator's report of abuse by the holder of one of its entitlements.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AbuseFlag<AccountId, BlockNumber> {
	/// The subscriber flagged.
	pub subscriber: AccountId,
	/// The operator that flagged it.
	pub telco: AccountId,
	/// Hash of the evidence, kept off chain.
	pub evidence: H256,
	/// When.
	pub at: BlockNumber,
}
