//! Weights for `pallet_plan_catalog`
//!
//! NOT YET GENERATED: the node's `benchmark pallet --pallet=pallet_plan_catalog` command (built
//! with the `runtime-benchmarks` feature) replaces this file. Until then every call is charged a
//! conservative placeholder: the storage reads and writes counted from the code, including
//! those of the escrow (`pallet_escrow::weights`, worst expiry-queue probe), the NFT pallet
//! (collection creation, mint, burn with deposits) and `pallet-assets`, and a generous
//! execution time.

// Executed Command:
// gesim-node
// benchmark
// pallet
// --pallet=pallet_plan_catalog
// --extrinsic=*
// --steps=50
// --repeat=20
// --output=pallets/plan-catalog/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_plan_catalog`.
pub trait WeightInfo {
	/// `create_plan` with `c` region cells, `n` region networks and `r` roaming partners, into
	/// an operator list one short of full.
	fn create_plan(c: u32, n: u32, r: u32, ) -> Weight;
	/// `retire_plan` of the last plan in a full operator list.
	fn retire_plan() -> Weight;
	/// `purchase` that creates the entitlement collection, into a holder list one short of full.
	fn purchase() -> Weight;
	/// `top_up` that renews validity (the escrow moves the intent in its queue).
	fn top_up() -> Weight;
	/// `switch_plan`: refund, burn, removal of a retired plan, new intent and item.
	fn switch_plan() -> Weight;
	/// `close_entitlement`: burn, index updates, removal of a retired plan.
	fn close_entitlement() -> Weight;
}

/// Weights for `pallet_plan_catalog` using the GeSIM runtime and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `TelcoRegistry` (r:1 w:0)
	/// Storage: `PlanCatalog::NextPlanId` (r:1 w:1)
	/// Storage: `PlanCatalog::PlansByTelco` (r:1 w:1)
	/// Storage: `PlanCatalog::Plans` (r:0 w:1)
	/// The range of component `c` is `[1, 64]`.
	/// The range of component `n` is `[0, 64]`.
	/// The range of component `r` is `[0, 32]`.
	fn create_plan(c: u32, n: u32, r: u32, ) -> Weight {
		Weight::from_parts(50_000_000, 12_000)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `PlanCatalog::Plans` (r:1 w:1)
	/// Storage: `PlanCatalog::PlansByTelco` (r:1 w:1)
	fn retire_plan() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `SbtIdentity` (r:1 w:0), `TelcoRegistry` (r:1 w:0)
	/// Storage: `PlanCatalog::Plans` (r:1 w:1), `NextEntitlementId` (r:1 w:1),
	/// `EntitlementsOf` (r:1 w:1), `EntitlementCollection` (r:1 w:1),
	/// `OpenEntitlements` (r:1 w:1), `Entitlements` (r:0 w:1)
	/// Storage: `Escrow` open (r:21 w:6)
	/// Storage: `Nfts` create collection and mint, `System::Account` deposits (r:10 w:11)
	fn purchase() -> Weight {
		Weight::from_parts(450_000_000, 260_000)
			.saturating_add(T::DbWeight::get().reads(39_u64))
			.saturating_add(T::DbWeight::get().writes(24_u64))
	}
	/// Storage: `SbtIdentity` (r:1 w:0), `TelcoRegistry` (r:1 w:0)
	/// Storage: `PlanCatalog::Entitlements` (r:1 w:1), `Plans` (r:1 w:0)
	/// Storage: `Escrow` top-up (r:22 w:5)
	fn top_up() -> Weight {
		Weight::from_parts(250_000_000, 220_000)
			.saturating_add(T::DbWeight::get().reads(26_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `SbtIdentity` (r:1 w:0), `TelcoRegistry` (r:1 w:0)
	/// Storage: `PlanCatalog` old entitlement, plans, indexes, counters (r:8 w:9)
	/// Storage: `Escrow` held, refund, open (r:27 w:11)
	/// Storage: `Nfts` burn and mint, `System::Account` deposits (r:10 w:15)
	fn switch_plan() -> Weight {
		Weight::from_parts(700_000_000, 320_000)
			.saturating_add(T::DbWeight::get().reads(47_u64))
			.saturating_add(T::DbWeight::get().writes(35_u64))
	}
	/// Storage: `PlanCatalog::Entitlements` (r:1 w:1), `EntitlementsOf` (r:1 w:1),
	/// `OpenEntitlements` (r:1 w:1), `Plans` (r:1 w:1), `EntitlementCollection` (r:1 w:0)
	/// Storage: `Escrow::Intents` (r:1 w:0)
	/// Storage: `Nfts` burn, `System::Account` deposit (r:5 w:9)
	fn close_entitlement() -> Weight {
		Weight::from_parts(150_000_000, 40_000)
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(13_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn create_plan(c: u32, n: u32, r: u32, ) -> Weight {
		Weight::from_parts(50_000_000, 12_000)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn retire_plan() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn purchase() -> Weight {
		Weight::from_parts(450_000_000, 260_000)
			.saturating_add(RocksDbWeight::get().reads(39_u64))
			.saturating_add(RocksDbWeight::get().writes(24_u64))
	}
	fn top_up() -> Weight {
		Weight::from_parts(250_000_000, 220_000)
			.saturating_add(RocksDbWeight::get().reads(26_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn switch_plan() -> Weight {
		Weight::from_parts(700_000_000, 320_000)
			.saturating_add(RocksDbWeight::get().reads(47_u64))
			.saturating_add(RocksDbWeight::get().writes(35_u64))
	}
	fn close_entitlement() -> Weight {
		Weight::from_parts(150_000_000, 40_000)
			.saturating_add(RocksDbWeight::get().reads(11_u64))
			.saturating_add(RocksDbWeight::get().writes(13_u64))
	}
}
