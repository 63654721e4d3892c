//! Weights of the governance pallet.
//!
//! NOT YET GENERATED: the node's `benchmark pallet` command (built with the
//! `runtime-benchmarks` feature) replaces this file. Until then `dispatch_as_root` is charged
//! what `benchmarking.rs` exercises, bounded from above: one event write plus the fixed
//! per-call overhead FRAME charges for a dispatch of this shape.

#![allow(unused_parens, unused_imports)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions needed by the governance pallet.
pub trait WeightInfo {
	/// Overhead of `dispatch_as_root`, without the inner call.
	fn dispatch_as_root() -> Weight;
}

/// Weights for the governance pallet on a runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn dispatch_as_root() -> Weight {
		Weight::from_parts(20_000_000, 0).saturating_add(T::DbWeight::get().writes(1))
	}
}

impl WeightInfo for () {
	fn dispatch_as_root() -> Weight {
		Weight::from_parts(20_000_000, 0)
	}
}
