//! The GeSIM runtime: an on-chain MVNO and eSIM marketplace run by mobile network operators.
//!
//! This file only declares the runtime; each pallet's configuration lives in `configs/`, the
//! runtime APIs in `apis.rs` and the genesis presets in `genesis_config_presets.rs`.

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` generates large enums.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod migrations;
#[cfg(feature = "wasm-groth16")]
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use gesim_primitives::{stablecoin, AssetId, StablecoinAmount};
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The keys a validator (an operator's node) signs with.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// Extrinsics the runtime makes itself: GRANDPA's unsigned equivocation reports, submitted by
/// the node's voter through the runtime API.
impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

#[cfg(not(feature = "upgrade-rehearsal"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("gesim"),
	impl_name: Cow::Borrowed("gesim-node"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The same runtime one `spec_version` later: what `runtime/upgrade-rehearsal` builds, so the
/// end-to-end tests can enact an upgrade by council motion on a running chain. (The version
/// macro reads literals only, hence a second constant.)
#[cfg(feature = "upgrade-rehearsal")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("gesim"),
	impl_name: Cow::Borrowed("gesim-node"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Block time and the block counts derived from it.
pub mod time {
	use super::BlockNumber;

	/// Target block time; Aura slots have the same length. It cannot change on a live chain.
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
	/// Aura slot length.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
	/// Blocks in a minute.
	pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
	/// Blocks in an hour.
	pub const HOURS: BlockNumber = MINUTES * 60;
	/// Blocks in a day.
	pub const DAYS: BlockNumber = HOURS * 24;
}

/// The native token (GSIM): validator bonds, deposits and governance.
pub mod currency {
	use super::Balance;

	/// One GSIM in its smallest unit.
	pub const UNIT: Balance = 1_000_000_000_000;
	/// A thousandth of a GSIM.
	pub const MILLI_UNIT: Balance = 1_000_000_000;
	/// A millionth of a GSIM.
	pub const MICRO_UNIT: Balance = 1_000_000;
	/// Smallest balance an account may hold.
	pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
	/// Token symbol.
	pub const TOKEN_SYMBOL: &str = "GSIM";
	/// Decimal places.
	pub const TOKEN_DECIMALS: u8 = 12;

	/// Storage deposit for `items` entries taking `bytes` bytes.
	pub const fn deposit(items: u32, bytes: u32) -> Balance {
		items as Balance * 20 * MILLI_UNIT + (bytes as Balance) * 100 * MICRO_UNIT
	}
}

/// SS58 address prefix (the generic Substrate one, so every wallet shows addresses as-is).
pub const SS58_PREFIX: u16 = 42;

/// Signature of an extrinsic.
pub type Signature = MultiSignature;
/// An account: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of the native token.
pub type Balance = u128;
/// Transaction counter of an account.
pub type Nonce = u32;
/// Hash of a block or an extrinsic.
pub type Hash = sp_core::H256;
/// Height of a block.
pub type BlockNumber = u32;
/// How an extrinsic names an account.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// Checks and payment applied to every signed extrinsic. Fees can be paid in the native token
/// or, with the `asset_id` of the stablecoin, in the stablecoin; an operator's pot pays a
/// subscriber's native fee for the calls it sponsors, and `WeighSponsorship` (which carries no
/// data) adds the weight of deciding so to the fee.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_asset_tx_payment::ChargeAssetTxPayment<Runtime>,
	pallet_fee_sponsorship::WeighSponsorship<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Extrinsic as it travels on the wire.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on a runtime upgrade, besides the pallets' own: each runs once, from
/// the storage version it names.
pub type Migrations = (
	// First: escrow's own migration reads the settlement grace from governance.
	migrations::parameters_to_governance::MigrateV0ToV1,
	pallet_escrow::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_plan_catalog::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_telco_registry::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_roaming::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_sbt_identity::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_metering::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_metering::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_disputes::migrations::v1::MigrateV0ToV1<Runtime>,
);

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type AssetTxPayment = pallet_asset_tx_payment;
	#[runtime::pallet_index(7)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(8)]
	pub type Nfts = pallet_nfts;
	#[runtime::pallet_index(9)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(10)]
	pub type Governance = pallet_governance;

	// The marketplace.
	#[runtime::pallet_index(11)]
	pub type TelcoRegistry = pallet_telco_registry;
	#[runtime::pallet_index(12)]
	pub type SbtIdentity = pallet_sbt_identity;
	#[runtime::pallet_index(13)]
	pub type Escrow = pallet_escrow;
	#[runtime::pallet_index(14)]
	pub type PlanCatalog = pallet_plan_catalog;
	#[runtime::pallet_index(15)]
	pub type FeeSponsorship = pallet_fee_sponsorship;

	// Paying for proved usage.
	#[runtime::pallet_index(16)]
	pub type Metering = pallet_metering;
	#[runtime::pallet_index(17)]
	pub type Roaming = pallet_roaming;

	// Delivering the eSIM.
	#[runtime::pallet_index(18)]
	pub type EsimProvisioning = pallet_esim_provisioning;

	// The operators that validate. The validator set before Session: Session's genesis asks
	// it for the first validators.
	#[runtime::pallet_index(19)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(20)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(21)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(22)]
	pub type Historical = pallet_session::historical;

	// Disputes the council rules on, and the lent devices a ruling may swap.
	#[runtime::pallet_index(23)]
	pub type Disputes = pallet_disputes;
	#[runtime::pallet_index(24)]
	pub type Devices = pallet_devices;

	// Subscribers reselling unused quota to each other, and rating operators (and operators
	// rating them).
	#[runtime::pallet_index(25)]
	pub type Resale = pallet_resale;
	#[runtime::pallet_index(26)]
	pub type Reputation = pallet_reputation;
}
