//! Types shared by GeSIM's pallets, runtime and off-chain clients.
//!
//! Pallets meet through the traits and types here, never through each other's `Config`.

#![cfg_attr(not(feature = "std"), no_std)]

/// Identifier of a fungible asset in `pallet-assets`.
pub type AssetId = u32;

/// An amount of the stablecoin, in its smallest unit (10^-6 of one dollar).
pub type StablecoinAmount = u128;

/// The stablecoin every plan is priced in and every payout is made in.
pub mod stablecoin {
	use super::{AssetId, StablecoinAmount};

	/// Its asset id in `pallet-assets`, created at genesis.
	pub const ASSET_ID: AssetId = 1;
	/// Decimal places: one dollar is 10^6 units.
	pub const DECIMALS: u8 = 6;
	/// One dollar in the smallest unit.
	pub const DOLLAR: StablecoinAmount = 1_000_000;
	/// One cent in the smallest unit.
	pub const CENT: StablecoinAmount = DOLLAR / 100;
	/// Smallest balance an account may hold (one cent); it also sets the rate at which fees are
	/// converted from the native token (see the runtime's `transaction_payment` config).
	pub const MIN_BALANCE: StablecoinAmount = CENT;
	/// Name shown by wallets.
	pub const NAME: &str = "GeSIM Dollar";
	/// Ticker shown by wallets.
	pub const SYMBOL: &str = "GUSD";
}
