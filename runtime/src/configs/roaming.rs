//! Roaming: agreements between operators, proved roaming usage booked as payables against the
//! home operator's deposit, and the periodic multilateral netting paid in the stablecoin.

use frame_support::{
	parameter_types,
	traits::{fungible::ItemOf, ConstU32},
	PalletId,
};

use crate::{
	configs::{escrow::StablecoinId, CouncilTwoThirds},
	time::DAYS,
	AccountId, Assets, BlockNumber, Runtime,
};

parameter_types! {
	/// Holds operators' roaming deposits between nettings.
	pub const RoamingPalletId: PalletId = PalletId(*b"gsm/roam");
	/// A week for the counterparty to sign: long enough for a wholesale desk's review, short
	/// enough that an unanswered proposal soon frees its place.
	pub const ProposalWindow: BlockNumber = 7 * DAYS;
	/// Five years: wholesale roaming deals run for years and either party may end one early,
	/// but no agreement holds its place forever.
	pub const MaxValidity: BlockNumber = 5 * 365 * DAYS;
	/// Two days, as escrow's settlement grace: roaming records reach operators as late as
	/// retail ones.
	pub const RoamingSettlementGrace: BlockNumber = 2 * DAYS;
	/// Three nettings at the daily default: time to top a deposit up, not to drift.
	pub const ShortfallDeadline: BlockNumber = 3 * DAYS;
}

impl pallet_roaming::Config for Runtime {
	type Telcos = crate::TelcoRegistry;
	/// Both parties' usage clocks of an agreement start when it comes into force.
	type OnUsageStart = crate::Metering;
	type Stablecoin = ItemOf<Assets, StablecoinId, AccountId>;
	type PalletId = RoamingPalletId;
	type CouncilOrigin = CouncilTwoThirds;
	/// The netting period is the council's.
	type Parameters = crate::Governance;
	/// Netting visits every agreement due in one block: this bounds that work.
	type MaxAgreements = ConstU32<128>;
	/// With four open proposals and sixteen agreements each, two colluding operators hold at
	/// most 24 of the 128 places; filling them all takes eleven.
	type MaxProposalsPerOperator = ConstU32<4>;
	type MaxAgreementsPerOperator = ConstU32<16>;
	type ProposalWindow = ProposalWindow;
	type MaxValidity = MaxValidity;
	type SettlementGrace = RoamingSettlementGrace;
	type ShortfallDeadline = ShortfallDeadline;
	type WeightInfo = pallet_roaming::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
