//! Weights of the telco-registry pallet.
//!
//! PLACEHOLDER, REPLACED BY THE BENCHMARK RUN: the node's `benchmark pallet` command (built
//! with the `runtime-benchmarks` feature) regenerates this file from `benchmarking.rs`. Until
//! then the numbers are deliberately high: the storage reads and writes are counted from the
//! code (hold operations as `Balances::Holds` plus `System::Account`; `retire` allows two reads
//! for the runtime's `TelcoObligations`), execution time is rounded up, and the proof sizes
//! assume the largest records. The fixed PLMN counts (32 claims released by `withdraw_application`,
//! `retire` and `update`) assume the runtime's `MaxPlmns` is at most 32.

#![allow(unused_parens, unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed by the telco-registry pallet.
pub trait WeightInfo {
	/// `apply` with `p` PLMNs and `c` coverage cells.
	fn apply(p: u32, c: u32) -> Weight;
	/// `withdraw_application` of an application with the most PLMNs.
	fn withdraw_application() -> Weight;
	/// `approve`.
	fn approve() -> Weight;
	/// `suspend`.
	fn suspend() -> Weight;
	/// `reinstate`.
	fn reinstate() -> Weight;
	/// `slash`.
	fn slash() -> Weight;
	/// `retire` of an operator with the most PLMNs.
	fn retire() -> Weight;
	/// `update` to `p` PLMNs and `c` coverage cells, from a profile with the most PLMNs.
	fn update(p: u32, c: u32) -> Weight;
	/// `rotate_receipt_key`.
	fn rotate_receipt_key() -> Weight;
}

/// Weights for the telco-registry pallet on a runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `TelcoRegistry::Telcos` (r:1 w:1)
	/// Storage: `TelcoRegistry::PlmnOwner` (r:p w:p)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	/// The range of component `p` is `[1, MaxPlmns]`.
	/// The range of component `c` is `[0, MaxCoverageCells]`.
	fn apply(p: u32, c: u32) -> Weight {
		Weight::from_parts(80_000_000, 12_000)
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(500_000, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2_600).saturating_mul(p.into()))
	}
	/// Storage: `TelcoRegistry::Telcos` (r:1 w:1)
	/// Storage: `TelcoRegistry::PlmnOwner` (r:32 w:32)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	fn withdraw_application() -> Weight {
		Weight::from_parts(250_000_000, 96_000)
			.saturating_add(T::DbWeight::get().reads(35_u64))
			.saturating_add(T::DbWeight::get().writes(35_u64))
	}
	/// Storage: `TelcoRegistry::Telcos` (r:1 w:1)
	fn approve() -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `TelcoRegistry::Telcos` (r:1 w:1)
	fn suspend() -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `TelcoRegistry::Telcos` (r:1 w:1)
	fn reinstate() -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `TelcoRegistry::Telcos` (r:1 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:2 w:2)
	/// Storage: `Balances::TotalIssuance` (r:1 w:1)
	fn slash() -> Weight {
		Weight::from_parts(90_000_000, 16_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `TelcoRegistry::Telcos` (r:1 w:1)
	/// Storage: `TelcoRegistry::PlmnOwner` (r:32 w:32)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	/// Storage: the runtime's `TelcoObligations` (r:2 w:0)
	fn retire() -> Weight {
		Weight::from_parts(260_000_000, 100_000)
			.saturating_add(T::DbWeight::get().reads(37_u64))
			.saturating_add(T::DbWeight::get().writes(35_u64))
	}
	/// Storage: `TelcoRegistry::Telcos` (r:1 w:1)
	/// Storage: `TelcoRegistry::PlmnOwner` (r:32+p w:32+p)
	/// The range of component `p` is `[1, MaxPlmns]`.
	/// The range of component `c` is `[0, MaxCoverageCells]`.
	fn update(p: u32, c: u32) -> Weight {
		Weight::from_parts(250_000_000, 96_000)
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(500_000, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(33_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(33_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2_600).saturating_mul(p.into()))
	}
	/// Storage: `TelcoRegistry::Telcos` (r:1 w:1)
	fn rotate_receipt_key() -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn apply(p: u32, c: u32) -> Weight {
		Weight::from_parts(80_000_000, 12_000)
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(500_000, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2_600).saturating_mul(p.into()))
	}
	fn withdraw_application() -> Weight {
		Weight::from_parts(250_000_000, 96_000)
			.saturating_add(RocksDbWeight::get().reads(35_u64))
			.saturating_add(RocksDbWeight::get().writes(35_u64))
	}
	fn approve() -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn suspend() -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn reinstate() -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn slash() -> Weight {
		Weight::from_parts(90_000_000, 16_000)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn retire() -> Weight {
		Weight::from_parts(260_000_000, 100_000)
			.saturating_add(RocksDbWeight::get().reads(37_u64))
			.saturating_add(RocksDbWeight::get().writes(35_u64))
	}
	fn update(p: u32, c: u32) -> Weight {
		Weight::from_parts(250_000_000, 96_000)
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(p.into()))
			.saturating_add(Weight::from_parts(500_000, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(33_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(RocksDbWeight::get().writes(33_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2_600).saturating_mul(p.into()))
	}
	fn rotate_receipt_key() -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
