//! Types shared by GeSIM's pallets, runtime and off-chain clients.
//!
//! Pallets meet through the traits and types here, never through each other's `Config`: the
//! runtime wires one pallet's implementation into another's `Config` in its `configs/`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod parameters;
pub mod telecom;
#[cfg(feature = "std")]
pub mod testing;
pub mod traits;

pub use parameters::{
	ParameterKey, PlanBounds, ProtocolParameter, ProtocolParameters, ResaleBounds,
};
pub use telecom::{Geohash, Plmn, PlmnError};
pub use traits::{
	BondSlash, DeviceSwaps, EidPossessionProof, EidPossessionVerifier, EidProofError,
	EntitlementLedger, EntitlementView, EscrowLedger, HeldSettlementLedger, HeldSettlementView,
	IdentityInspect, OnPlanSwitch, OnUsageStart, OperatorReputation, PlanRate, ProvedUsage,
	Reallocation, ReceiptKeys, Release, RoamingDisputeLedger, RoamingLedger, Split, TelcoInspect,
	TelcoObligations, UsageClearance, UsageSubject,
};

/// Identifier of a fungible asset in `pallet-assets`.
pub type AssetId = u32;

/// Basis points: hundredths of a percent, 10 000 = 100 % (margins, revenue shares).
pub type BasisPoints = u16;

/// One whole in basis points.
pub const BPS_DENOMINATOR: BasisPoints = 10_000;

/// An amount of the stablecoin, in its smallest unit (10^-6 of one dollar).
pub type StablecoinAmount = u128;

/// A data volume in bytes (quota, usage).
pub type Bytes = u64;

/// A plan in the catalog.
pub type PlanId = u32;

/// An entitlement: a subscriber's right to a plan's quota until an expiry. It is also the item
/// id of the entitlement's non-transferable NFT.
pub type EntitlementId = u32;

/// An escrow intent: the money paid for one entitlement, until it is released or refunded.
pub type IntentId = u64;

/// A roaming agreement between two operators.
pub type AgreementId = u32;

/// An eSIM provisioning order: one request for a profile for one entitlement.
pub type OrderId = u64;

/// A physical device an operator lends (router, CPE, hotspot): also the item id of its
/// transferable NFT, which whoever has the device holds.
pub type DeviceId = u32;

/// A proposed swap of two devices between their holders.
pub type SwapId = u32;

/// Poseidon commitment to an eUICC's EID and a salt (32 bytes, little-endian field element);
/// the EID itself never reaches the chain.
pub type EidCommitment = [u8; 32];

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
