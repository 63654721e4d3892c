//! Weights of the fee-sponsorship pallet.
//!
//! Replaced by the output of the benchmark run (`scripts/bench/weights.sh`); until then the
//! figures are upper bounds: a transfer's cost plus the storage accesses each call makes.

#![allow(unused_parens, unused_imports)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions needed by the fee-sponsorship pallet.
pub trait WeightInfo {
	fn fund_pot() -> Weight;
	fn withdraw_pot() -> Weight;
	fn set_terms() -> Weight;
	fn end_sponsorship() -> Weight;
}

/// Weights for the fee-sponsorship pallet on a runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `System::Account` (r:2 w:2)
	fn fund_pot() -> Weight {
		Weight::from_parts(60_000_000, 3593)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	/// Storage: `System::Account` (r:2 w:2)
	fn withdraw_pot() -> Weight {
		Weight::from_parts(60_000_000, 3593)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	/// Storage: telco status (r:1), `FeeSponsorship::Terms` (r:0 w:1)
	fn set_terms() -> Weight {
		Weight::from_parts(20_000_000, 3593)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `FeeSponsorship::Terms` (r:1 w:1)
	fn end_sponsorship() -> Weight {
		Weight::from_parts(20_000_000, 3593)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
}

impl WeightInfo for () {
	fn fund_pot() -> Weight {
		Weight::from_parts(60_000_000, 3593)
	}
	fn withdraw_pot() -> Weight {
		Weight::from_parts(60_000_000, 3593)
	}
	fn set_terms() -> Weight {
		Weight::from_parts(20_000_000, 3593)
	}
	fn end_sponsorship() -> Weight {
		Weight::from_parts(20_000_000, 3593)
	}
}
