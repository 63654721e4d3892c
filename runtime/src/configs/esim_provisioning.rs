//! eSIM provisioning: profile orders per entitlement, receipts signed by the operator's SM-DP+
//! receipt key, refunds of entitlements never delivered.

use frame_support::{parameter_types, traits::ConstU32};

use crate::{
	configs::CouncilTwoThirds, time::DAYS, BlockNumber, PlanCatalog, Runtime, SbtIdentity,
	TelcoRegistry,
};

parameter_types! {
	/// An operator has a day from a request to release the activation code; an SM-DP+ answers
	/// ES2+ in seconds, so this leaves room for an outage, not for neglect.
	pub const DefaultServiceDeadline: BlockNumber = DAYS;
	/// The council may give operators up to a month.
	pub const MaxServiceDeadline: BlockNumber = 30 * DAYS;
}

impl pallet_esim_provisioning::Config for Runtime {
	type Entitlements = PlanCatalog;
	type Identity = SbtIdentity;
	type ReceiptKeys = TelcoRegistry;
	type CouncilOrigin = CouncilTwoThirds;
	type DefaultServiceDeadline = DefaultServiceDeadline;
	type MaxServiceDeadline = MaxServiceDeadline;
	type MaxDeviceKeys = ConstU32<8>;
	type MaxOrdersPerEntitlement = ConstU32<8>;
	type WeightInfo = pallet_esim_provisioning::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
