//! Metering: verifying keys (council), usage commitments and their Groth16 proofs, verified
//! before escrow releases anything or roaming books anything: by the node's host function
//! (`gesim-zk-host`), or in the runtime's wasm with the `wasm-groth16` feature.

use frame_support::traits::ConstU32;

use crate::{
	configs::CouncilTwoThirds, Escrow, Governance, PlanCatalog, Roaming, Runtime, TelcoRegistry,
};

impl pallet_metering::Config for Runtime {
	type Telcos = TelcoRegistry;
	type Entitlements = PlanCatalog;
	type Escrow = Escrow;
	type Roaming = Roaming;
	type CouncilOrigin = CouncilTwoThirds;
	/// Enough for a day of hourly batches on every subscriber line an operator bills at once.
	type MaxPendingCommitments = ConstU32<4_096>;
	/// Sixteen times that: a challenge window's worth of settlements beyond what subscribers
	/// acknowledged.
	type MaxHeldSettlements = ConstU32<65_536>;
	/// Sixteen claims settled together cost 0.4× per claim what sixteen `settle_usage` do
	/// (docs/PERFORMANCE.md); more would gain little and raise the worst case a batch reserves.
	type MaxSettlementBatch = ConstU32<16>;
	type Parameters = Governance;
	#[cfg(not(feature = "wasm-groth16"))]
	type Verifier = gesim_zk_host::OnHost;
	#[cfg(feature = "wasm-groth16")]
	type Verifier = gesim_zk_verifier::InRuntime;
	type UnixTime = crate::Timestamp;
	type SlotDuration = frame_support::traits::ConstU64<{ crate::time::SLOT_DURATION }>;
	#[cfg(not(feature = "wasm-groth16"))]
	type WeightInfo = pallet_metering::weights::SubstrateWeight<Runtime>;
	/// Settlements check proofs, here in the runtime's wasm.
	#[cfg(feature = "wasm-groth16")]
	type WeightInfo = crate::weights::pallet_metering_wasm_groth16::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
