//! Non-fungible items: the soulbound identities and the entitlements minted by GeSIM's
//! pallets. Collections are created by those pallets, never directly by accounts.

use frame_support::{
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU32, NeverEnsureOrigin},
};
use frame_system::EnsureRoot;
use pallet_nfts::PalletFeatures;
use sp_runtime::traits::Verify;

use crate::{
	currency::{deposit, UNIT},
	time::DAYS,
	AccountId, Balances, Runtime, RuntimeEvent, Signature, System,
};

parameter_types! {
	pub const CollectionDeposit: u128 = 10 * UNIT;
	pub const ItemDeposit: u128 = deposit(1, 0);
	pub const MetadataDepositBase: u128 = deposit(1, 129);
	pub const AttributeDepositBase: u128 = deposit(1, 0);
	pub const DepositPerByte: u128 = deposit(0, 1);
	pub const MaxDeadlineDuration: u32 = 365 * DAYS;
	pub Features: PalletFeatures = PalletFeatures::all_enabled();
}

impl pallet_nfts::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = u32;
	type Currency = Balances;
	type ForceOrigin = EnsureRoot<AccountId>;
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type Locker = ();
	type CollectionDeposit = CollectionDeposit;
	type ItemDeposit = ItemDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type AttributeDepositBase = AttributeDepositBase;
	type DepositPerByte = DepositPerByte;
	type StringLimit = ConstU32<256>;
	type KeyLimit = ConstU32<64>;
	type ValueLimit = ConstU32<256>;
	type ApprovalsLimit = ConstU32<20>;
	type ItemAttributesApprovalsLimit = ConstU32<20>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = MaxDeadlineDuration;
	type MaxAttributesPerCall = ConstU32<10>;
	type Features = Features;
	type OffchainSignature = Signature;
	type OffchainPublic = <Signature as Verify>::Signer;
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = ();
	type WeightInfo = pallet_nfts::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = System;
}
