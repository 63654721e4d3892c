//! Disputes: subscribers and operators dispute entitlements, held settlements and roaming
//! bookings, freezing the money concerned; the council rules.

use frame_support::{parameter_types, traits::fungible::ItemOf, PalletId};
use gesim_primitives::{stablecoin, StablecoinAmount};

use crate::{
	configs::{escrow::StablecoinId, CouncilTwoThirds, TreasuryAccount},
	AccountId, Assets, Devices, Escrow, Governance, Metering, PlanCatalog, Roaming, Runtime,
	TelcoRegistry,
};

parameter_types! {
	pub const DisputesPalletId: PalletId = PalletId(*b"gsm/disp");
	/// Enough that filing is not free, little enough for any subscriber.
	pub const DisputeDeposit: StablecoinAmount = stablecoin::DOLLAR;
}

impl pallet_disputes::Config for Runtime {
	type Entitlements = PlanCatalog;
	type Escrow = Escrow;
	type HeldSettlements = Metering;
	type Roaming = Roaming;
	type Devices = Devices;
	type Bonds = TelcoRegistry;
	type Stablecoin = ItemOf<Assets, StablecoinId, AccountId>;
	type DisputeDeposit = DisputeDeposit;
	type PalletId = DisputesPalletId;
	type Treasury = TreasuryAccount;
	type CouncilOrigin = CouncilTwoThirds;
	type Parameters = Governance;
	type WeightInfo = pallet_disputes::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
