//! Reputation: ratings from verified customers (and of them), weighted by the usage metering
//! proved, decaying with the council's half-life.

use crate::Runtime;

impl pallet_reputation::Config for Runtime {
	type Entitlements = crate::PlanCatalog;
	type Usage = crate::Metering;
	/// The half-life is the council's, read at every rating and query.
	type Parameters = crate::Governance;
	type WeightInfo = pallet_reputation::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
