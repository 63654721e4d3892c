//! Escrow: what subscribers pay for entitlements, held in the stablecoin until proved usage
//! releases it to the operator (less the protocol margin, to the treasury) or the
//! entitlement's end refunds it.

use frame_support::{
	parameter_types,
	traits::{fungible::ItemOf, ConstU16, ConstU32},
	PalletId,
};

use crate::{
	configs::{CouncilTwoThirds, TreasuryAccount},
	stablecoin,
	time::DAYS,
	AccountId, Assets, BlockNumber, Runtime,
};

parameter_types! {
	pub const EscrowPalletId: PalletId = PalletId(*b"gsm/escr");
	pub const StablecoinId: u32 = stablecoin::ASSET_ID;
	/// Operators may still prove usage this long after an entitlement ends. The council can
	/// change it (a root call `system.setStorage` at `twox128(":SettlementGrace:")`); each
	/// intent keeps the value in force when it was opened.
	pub storage SettlementGrace: BlockNumber = 2 * DAYS;
}

impl pallet_escrow::Config for Runtime {
	type Stablecoin = ItemOf<Assets, StablecoinId, AccountId>;
	type PalletId = EscrowPalletId;
	type Treasury = TreasuryAccount;
	type CouncilOrigin = CouncilTwoThirds;
	/// The protocol margin can never exceed 10 %.
	type MaxMarginBps = ConstU16<1_000>;
	type SettlementGrace = SettlementGrace;
	/// A page of the expiry queue: 2 KiB of intent ids. A block's list grows by pages.
	type MaxIntentsPerPage = ConstU32<256>;
	type MaxRefundsPerBlock = ConstU32<64>;
	type WeightInfo = pallet_escrow::weights::SubstrateWeight<Runtime>;
}
