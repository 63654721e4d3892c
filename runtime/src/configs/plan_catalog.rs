//! The plan catalog: operators' plans and subscribers' entitlements (non-transferable NFT
//! items), paid for through escrow.

use frame_support::{parameter_types, traits::ConstU32, PalletId};

use crate::{Balance, Escrow, EsimProvisioning, Nfts, Runtime, SbtIdentity, TelcoRegistry};

parameter_types! {
	/// Owns the entitlement collection and pays its one deposit; genesis endows it.
	pub const PlanCatalogPalletId: PalletId = PalletId(*b"gsm/plan");
}

impl pallet_plan_catalog::Config for Runtime {
	type Telcos = TelcoRegistry;
	type Identity = SbtIdentity;
	type Escrow = Escrow;
	type CollectionId = u32;
	type NftBalance = Balance;
	type Nfts = Nfts;
	type PalletId = PlanCatalogPalletId;
	type MaxPlansPerTelco = ConstU32<256>;
	type MaxEntitlementsPerAccount = ConstU32<32>;
	type MaxRegionCells = ConstU32<64>;
	type MaxRegionNetworks = ConstU32<32>;
	type MaxRoamingPartners = ConstU32<32>;
	/// An installed eSIM profile follows a plan switch.
	type OnSwitch = EsimProvisioning;
	/// The operator's usage clock of a new entitlement starts at its purchase.
	type OnUsageStart = crate::Metering;
	/// Entitlement items carry no deposit: the council's plan bounds price them instead.
	/// Plans of better-rated operators come first in region queries.
	type Reputation = crate::Reputation;
	type ItemDeposits = pallet_plan_catalog::NftsItemDeposits<Runtime>;
	/// The plan bounds are the council's, read at every listing and sale.
	type Parameters = crate::Governance;
	type WeightInfo = pallet_plan_catalog::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
