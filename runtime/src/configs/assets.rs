//! Fungible assets. The stablecoin (asset 1) is created at genesis; new assets only by a
//! council motion (`force_create`), never by an ordinary account.

use frame_support::{
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, NeverEnsureOrigin},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::traits::AccountIdConversion;

use crate::{
	currency::{deposit, EXISTENTIAL_DEPOSIT, UNIT},
	AccountId, AssetId, Balances, Runtime, RuntimeEvent, StablecoinAmount,
};

parameter_types! {
	/// Owner, issuer, admin and freezer of the stablecoin at genesis: an account nobody holds a
	/// key to. Only a council motion (root, through `assets.forceAssetStatus` and the other
	/// `force_*` calls) acts on the asset, so no operator can mint, burn, move or freeze
	/// anybody's stablecoin — escrow and the roaming pool included. A real issuer is appointed
	/// issuer (minting and burning its own supply) by a motion; admin and freezer stay keyless.
	pub StablecoinAuthority: AccountId = PalletId(*b"gsm/gusd").into_account_truncating();
	pub const AssetDeposit: u128 = 100 * UNIT;
	pub const AssetAccountDeposit: u128 = deposit(1, 16);
	pub const MetadataDepositBase: u128 = deposit(1, 68);
	pub const MetadataDepositPerByte: u128 = deposit(0, 1);
}

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = StablecoinAmount;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}
