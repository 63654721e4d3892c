use crate::{configs::CouncilTwoThirds, Runtime, RuntimeCall};

impl pallet_governance::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type CouncilOrigin = CouncilTwoThirds;
	type WeightInfo = pallet_governance::weights::SubstrateWeight<Runtime>;
}
