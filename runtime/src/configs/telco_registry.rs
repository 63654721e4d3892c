//! Operators: admission by council motion, a bond held in the native token, their networks
//! (PLMNs), coverage, services and the key their SM-DP+ gateway signs receipts with.

use frame_support::{parameter_types, traits::tokens::imbalance::ResolveTo};

use crate::{
	configs::{CouncilTwoThirds, TreasuryAccount},
	currency::UNIT,
	time::DAYS,
	Balances, BlockNumber, PlanCatalog, Roaming, Runtime, RuntimeHoldReason,
};

parameter_types! {
	/// Held from an operator for as long as it is registered; slashed bonds go to the treasury.
	pub const TelcoBond: u128 = 10_000 * UNIT;
	/// How long a rotated-out receipt key stays valid, so receipts in flight still verify.
	pub const KeyRotationGrace: BlockNumber = 7 * DAYS;
}

impl pallet_telco_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type TelcoBond = TelcoBond;
	type Slashed = ResolveTo<TreasuryAccount, Balances>;
	type CouncilOrigin = CouncilTwoThirds;
	type Obligations = (PlanCatalog, Roaming);
	type KeyRotationGrace = KeyRotationGrace;
	type MaxLegalNameLen = frame_support::traits::ConstU32<128>;
	type MaxPlmns = frame_support::traits::ConstU32<16>;
	type MaxCoverageCells = frame_support::traits::ConstU32<64>;
	type WeightInfo = pallet_telco_registry::weights::SubstrateWeight<Runtime>;
}
