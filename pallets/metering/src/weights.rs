//! Weights of `pallet_metering`: replaced by `scripts/bench/weights.sh metering`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// Weight functions of `pallet_metering`, one per benchmark.
pub trait WeightInfo {
	fn register_key() -> Weight;
	fn retire_key() -> Weight;
	fn anchor_usage() -> Weight;
	fn discard_usage() -> Weight;
	fn settle_entitlement_usage(c: u32, ) -> Weight;
	fn settle_roaming_usage(c: u32, ) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_key() -> Weight { Weight::zero() }
	fn retire_key() -> Weight { Weight::zero() }
	fn anchor_usage() -> Weight { Weight::zero() }
	fn discard_usage() -> Weight { Weight::zero() }
	fn settle_entitlement_usage(_c: u32, ) -> Weight { Weight::zero() }
	fn settle_roaming_usage(_c: u32, ) -> Weight { Weight::zero() }
}

impl WeightInfo for () {
	fn register_key() -> Weight { Weight::zero() }
	fn retire_key() -> Weight { Weight::zero() }
	fn anchor_usage() -> Weight { Weight::zero() }
	fn discard_usage() -> Weight { Weight::zero() }
	fn settle_entitlement_usage(_c: u32, ) -> Weight { Weight::zero() }
	fn settle_roaming_usage(_c: u32, ) -> Weight { Weight::zero() }
}
