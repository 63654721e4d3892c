//! Resale of unused quota between subscribers: the catalog splits the entitlement, the escrowed
//! money follows the quota, and metering says when the seller's usage is settled.

use frame_support::traits::{fungible::ItemOf, ConstU32};

use crate::{configs::escrow::StablecoinId, AccountId, Assets, Runtime};

impl pallet_resale::Config for Runtime {
	type Entitlements = crate::PlanCatalog;
	type Usage = crate::Metering;
	type Stablecoin = ItemOf<Assets, StablecoinId, AccountId>;
	/// The resale bounds are the council's, read at every listing.
	type Parameters = crate::Governance;
	type UnixTime = crate::Timestamp;
	/// A few chunks of one plan on offer at once, and a few plans' worth per seller: enough
	/// for a subscriber, bounded for the chain.
	type MaxListingsPerEntitlement = ConstU32<4>;
	type MaxListingsPerSeller = ConstU32<16>;
	type WeightInfo = pallet_resale::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
