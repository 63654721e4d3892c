//! The catalog's domain types.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{Bytes, EntitlementId, Geohash, IntentId, PlanId, Plmn, StablecoinAmount};
use scale_info::TypeInfo;
use sp_core::H256;

/// How the operator bills the plan. In both cases the price is escrowed at purchase and paid
/// to the operator only against proved usage; for a postpaid plan it is the spending cap the
/// operator may bill up to within the validity.
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
pub enum Billing {
	/// Paid up front for the quota.
	Prepaid,
	/// Billed for usage, up to the price.
	Postpaid,
}

/// Where a plan works: geohash cells (a prefix covers every cell inside it) and/or mobile
/// networks. At least one entry in all.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct Region<T: Config> {
	/// Coverage areas, as geohash prefixes.
	pub cells: BoundedVec<Geohash, T::MaxRegionCells>,
	/// Networks the plan can be used on (home and visited PLMNs).
	pub networks: BoundedVec<Plmn, T::MaxRegionNetworks>,
}

impl<T: Config> Region<T> {
	/// Whether the region names no place at all.
	pub fn is_empty(&self) -> bool {
		self.cells.is_empty() && self.networks.is_empty()
	}

	/// Whether the region covers `area`: a listed network, or a cell that overlaps the one
	/// asked about (either contains the other).
	pub fn covers(&self, area: &RegionQuery) -> bool {
		match area {
			RegionQuery::Cell(cell) => {
				self.cells.iter().any(|own| own.contains(cell) || cell.contains(own))
			},
			RegionQuery::Network(network) => self.networks.contains(network),
		}
	}
}

/// A place to look for plans in.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum RegionQuery {
	/// Plans whose coverage overlaps this geohash cell.
	Cell(Geohash),
	/// Plans usable on this network.
	Network(Plmn),
}

/// A plan's terms as the operator lists them.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct PlanTerms<T: Config> {
	/// Data volume included, in bytes.
	pub quota_bytes: Bytes,
	/// Blocks an entitlement lasts from its purchase.
	pub validity: BlockNumberFor<T>,
	/// Price in the stablecoin's smallest unit.
	pub price: StablecoinAmount,
	/// Where it works.
	pub region: Region<T>,
	/// Operators whose networks a subscriber may roam on.
	pub roaming_partners: BoundedVec<T::AccountId, T::MaxRoamingPartners>,
	/// Prepaid or postpaid.
	pub billing: Billing,
	/// Whether a top-up also renews the validity (from the top-up, never shortening it).
	pub extends_validity_on_top_up: bool,
	/// Hash of the plan's full terms document (speeds, fair use, support), kept off chain.
	pub terms_hash: H256,
}

/// The lowest price and the longest validity a plan may have (the council's `PlanBounds`
/// parameter). They bound what an entitlement costs the chain: its price stays in escrow until
/// its validity and the settlement grace have passed.
pub use gesim_primitives::PlanBounds;

/// A listed plan.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct Plan<T: Config> {
	/// The operator selling it.
	pub telco: T::AccountId,
	/// What it offers and costs.
	pub terms: PlanTerms<T>,
	/// No longer sold or topped up; kept while entitlements to it live.
	pub retired: bool,
	/// Entitlements to it not closed yet.
	pub live_entitlements: u32,
}

/// A plan with its id, as queries return it.
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct PlanView<T: Config> {
	/// Its id.
	pub id: PlanId,
	/// The plan.
	pub plan: Plan<T>,
}

/// A subscriber's right to a plan's quota until an expiry, paid for by an escrow intent. Its
/// id is also the item id of its non-transferable NFT.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Entitlement<AccountId, BlockNumber> {
	/// The plan it was bought under.
	pub plan: PlanId,
	/// The subscriber.
	pub holder: AccountId,
	/// The operator serving it.
	pub telco: AccountId,
	/// Quota not used yet.
	pub remaining_bytes: Bytes,
	/// Last block of validity.
	pub expires_at: BlockNumber,
	/// The escrow intent holding what it was paid with.
	pub intent: IntentId,
}

/// An entitlement as queries return it: with its id, what its escrow still holds and whether
/// it has expired.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct EntitlementDetails<AccountId, BlockNumber> {
	/// Its id (and NFT item id).
	pub id: EntitlementId,
	/// The entitlement.
	pub entitlement: Entitlement<AccountId, BlockNumber>,
	/// Money still held in escrow for it.
	pub held: StablecoinAmount,
	/// Whether its validity has ended.
	pub expired: bool,
}

/// An entitlement as this runtime stores it.
pub type EntitlementOf<T> = Entitlement<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// Entitlement details as this runtime's queries return them.
pub type EntitlementDetailsOf<T> =
	EntitlementDetails<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// The non-fungibles collection configuration this runtime's NFT pallet takes.
pub type CollectionConfigOf<T> = pallet_nfts::CollectionConfig<
	<T as Config>::NftBalance,
	BlockNumberFor<T>,
	<T as Config>::CollectionId,
>;
