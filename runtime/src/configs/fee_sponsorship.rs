//! Operators' pots that pay their subscribers' fees for buying, topping up, binding an EID,
//! getting the eSIM and acknowledging usage.

use frame_support::{parameter_types, traits::Contains, PalletId};

use crate::{time::DAYS, Balances, BlockNumber, Runtime, RuntimeCall, SbtIdentity, TelcoRegistry};

parameter_types! {
	/// Derives each operator's pot account.
	pub const SponsorshipPalletId: PalletId = PalletId(*b"gsm/spon");
	/// Allowance periods last at most thirty days.
	pub const MaxSponsorshipPeriod: BlockNumber = 30 * DAYS;
}

/// The calls a pot pays for: what a subscriber needs to get and keep connectivity.
pub struct SponsoredCalls;
impl Contains<RuntimeCall> for SponsoredCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::PlanCatalog(
				pallet_plan_catalog::Call::purchase { .. }
					| pallet_plan_catalog::Call::top_up { .. }
			) | RuntimeCall::SbtIdentity(pallet_sbt_identity::Call::bind_eid_commitment { .. })
				| RuntimeCall::EsimProvisioning(
					pallet_esim_provisioning::Call::register_device_key { .. }
						| pallet_esim_provisioning::Call::request_profile { .. }
				) | RuntimeCall::Metering(pallet_metering::Call::acknowledge_usage { .. })
		)
	}
}

impl pallet_fee_sponsorship::Config for Runtime {
	type Currency = Balances;
	type Telcos = TelcoRegistry;
	type Identity = SbtIdentity;
	type SponsoredCalls = SponsoredCalls;
	type PalletId = SponsorshipPalletId;
	type MaxPeriod = MaxSponsorshipPeriod;
	type WeightInfo = pallet_fee_sponsorship::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
