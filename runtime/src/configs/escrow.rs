//! Escrow: what subscribers pay for entitlements, held in the stablecoin until proved usage
//! releases it to the operator (less the protocol margin, to the treasury) or the
//! entitlement's end refunds it.

use frame_support::{
	parameter_types,
	traits::{fungible::ItemOf, ConstU32},
	PalletId,
};

use crate::{configs::TreasuryAccount, stablecoin, AccountId, Assets, Runtime};

parameter_types! {
	pub const EscrowPalletId: PalletId = PalletId(*b"gsm/escr");
	pub const StablecoinId: u32 = stablecoin::ASSET_ID;
}

impl pallet_escrow::Config for Runtime {
	type Stablecoin = ItemOf<Assets, StablecoinId, AccountId>;
	type PalletId = EscrowPalletId;
	type Treasury = TreasuryAccount;
	/// The margin and the settlement grace are the council's.
	type Parameters = crate::Governance;
	/// A page of the expiry queue: 2 KiB of intent ids. A block's list grows by pages.
	type MaxIntentsPerPage = ConstU32<256>;
	type MaxRefundsPerBlock = ConstU32<64>;
	type WeightInfo = pallet_escrow::weights::SubstrateWeight<Runtime>;
}
