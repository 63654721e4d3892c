//! Roaming: agreements between operators, proved roaming usage booked as payables, and the
//! periodic multilateral netting paid in the stablecoin from operators' deposits.

use frame_support::{parameter_types, traits::{fungible::ItemOf, ConstU32}, PalletId};

use crate::{
	configs::{escrow::StablecoinId, CouncilTwoThirds},
	AccountId, Assets, Runtime,
};

parameter_types! {
	/// Holds operators' roaming deposits between nettings.
	pub const RoamingPalletId: PalletId = PalletId(*b"gsm/roam");
}

impl pallet_roaming::Config for Runtime {
	type Telcos = crate::TelcoRegistry;
	type Stablecoin = ItemOf<Assets, StablecoinId, AccountId>;
	type PalletId = RoamingPalletId;
	type CouncilOrigin = CouncilTwoThirds;
	/// Netting visits every agreement due in one block: this bounds that work.
	type MaxAgreements = ConstU32<128>;
	type WeightInfo = pallet_roaming::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
