//! Weights of the sbt-identity pallet.
//!
//! PLACEHOLDER, REPLACED BY THE BENCHMARK RUN: the node's `benchmark pallet` command (built
//! with the `runtime-benchmarks` feature) regenerates this file from `benchmarking.rs`. Until
//! then the numbers are deliberately high: the storage reads and writes are counted from the
//! code, pallet-nfts' own included (mint and burn touch `Collection`, `Item`, `ItemConfigOf`,
//! `Account`, metadata, price, swap and approval entries), `issue` is charged for creating the
//! collection too, execution time is rounded up, and proof sizes assume the largest records.

#![allow(unused_parens, unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed by the sbt-identity pallet.
pub trait WeightInfo {
	/// `issue`, creating the collection on the way and replacing a revoked identity.
	fn issue() -> Weight;
	/// `bind_eid_commitment` to an identity one short of `MaxEidCommitments`.
	fn bind_eid_commitment() -> Weight;
	/// `unbind_eid_commitment` of the last of `MaxEidCommitments` commitments.
	fn unbind_eid_commitment() -> Weight;
	/// `revoke` by the issuer of an identity with `MaxEidCommitments` commitments.
	fn revoke() -> Weight;
}

/// Weights for the sbt-identity pallet on a runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `TelcoRegistry::Telcos` (r:1 w:0)
	/// Storage: `SbtIdentity::Identities` (r:1 w:1)
	/// Storage: `SbtIdentity::IdentityCollection` (r:1 w:1)
	/// Storage: `SbtIdentity::NextItem` (r:1 w:1)
	/// Storage: `System::Account` (r:2 w:2)
	/// Storage: `Nfts::NextCollectionId` (r:1 w:1)
	/// Storage: `Nfts::Collection` (r:2 w:2)
	/// Storage: `Nfts::CollectionRoleOf` (r:0 w:1)
	/// Storage: `Nfts::CollectionConfigOf` (r:2 w:1)
	/// Storage: `Nfts::CollectionAccount` (r:0 w:1)
	/// Storage: `Nfts::Item` (r:1 w:1)
	/// Storage: `Nfts::ItemConfigOf` (r:1 w:1)
	/// Storage: `Nfts::Account` (r:0 w:1)
	fn issue() -> Weight {
		Weight::from_parts(180_000_000, 30_000)
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(15_u64))
	}
	/// Storage: `SbtIdentity::Identities` (r:1 w:1)
	fn bind_eid_commitment() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `SbtIdentity::Identities` (r:1 w:1)
	fn unbind_eid_commitment() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `SbtIdentity::Identities` (r:1 w:1)
	/// Storage: `SbtIdentity::IdentityCollection` (r:1 w:0)
	/// Storage: `Nfts::Item` (r:2 w:1)
	/// Storage: `Nfts::Attribute` (r:1 w:0)
	/// Storage: `Nfts::ItemConfigOf` (r:1 w:1)
	/// Storage: `Nfts::Collection` (r:1 w:1)
	/// Storage: `Nfts::ItemMetadataOf` (r:1 w:1)
	/// Storage: `Nfts::Account` (r:0 w:1)
	/// Storage: `Nfts::ItemPriceOf` (r:0 w:1)
	/// Storage: `Nfts::PendingSwapOf` (r:0 w:1)
	/// Storage: `Nfts::ItemAttributesApprovalsOf` (r:0 w:1)
	/// Storage: `System::Account` (r:2 w:2)
	fn revoke() -> Weight {
		Weight::from_parts(160_000_000, 30_000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(12_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn issue() -> Weight {
		Weight::from_parts(180_000_000, 30_000)
			.saturating_add(RocksDbWeight::get().reads(14_u64))
			.saturating_add(RocksDbWeight::get().writes(15_u64))
	}
	fn bind_eid_commitment() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn unbind_eid_commitment() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn revoke() -> Weight {
		Weight::from_parts(160_000_000, 30_000)
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(12_u64))
	}
}
