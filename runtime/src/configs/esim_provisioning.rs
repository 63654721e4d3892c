//! eSIM provisioning: profile orders per entitlement, receipts signed by the operator's SM-DP+
//! receipt key, refunds of entitlements never delivered.

use frame_support::traits::ConstU32;

use crate::{PlanCatalog, Runtime, SbtIdentity, TelcoRegistry};

impl pallet_esim_provisioning::Config for Runtime {
	type Entitlements = PlanCatalog;
	type Identity = SbtIdentity;
	type ReceiptKeys = TelcoRegistry;
	/// The service deadline is the council's, read at every request.
	type Parameters = crate::Governance;
	type MaxDeviceKeys = ConstU32<8>;
	type MaxOrdersPerEntitlement = ConstU32<8>;
	type WeightInfo = pallet_esim_provisioning::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
