//! Listings.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound,
	PartialEqNoBound,
};
use gesim_primitives::{Bytes, EntitlementId, StablecoinAmount};
use scale_info::TypeInfo;

/// A listing.
pub type ListingId = u32;

/// A chunk of an entitlement's quota offered for a price.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Listing<AccountId> {
	/// The entitlement's holder.
	pub seller: AccountId,
	/// The entitlement the quota is cut from.
	pub entitlement: EntitlementId,
	/// The quota offered.
	pub bytes: Bytes,
	/// What the buyer pays the seller, in the stablecoin.
	pub price: StablecoinAmount,
	/// The chain's time (Unix seconds) when it was listed: the seller's usage must be settled
	/// up to it before it can be bought.
	pub listed_at: u64,
}

/// A listing as this runtime stores it.
pub type ListingOf<T> = Listing<<T as frame_system::Config>::AccountId>;

/// An entitlement's listings and the quota they reserve.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(Max))]
pub struct ListedQuota<Max: Get<u32>> {
	/// Its listings.
	pub listings: BoundedVec<ListingId, Max>,
	/// The sum of their quota.
	pub bytes: Bytes,
}
