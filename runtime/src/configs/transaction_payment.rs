//! Transaction fees, payable in the native token or in the stablecoin. Every fee goes to the
//! protocol treasury, an account no key controls: only a council motion can spend from it.

use frame_support::{
	parameter_types,
	traits::{fungibles, tokens::imbalance::ResolveTo},
	weights::IdentityFee,
	PalletId,
};
use pallet_asset_tx_payment::{FungiblesAdapter, HandleCredit};
use pallet_fee_sponsorship::SponsoredFees;
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::traits::{AccountIdConversion, ConvertInto, One};

use crate::{AccountId, Assets, Balance, Balances, Runtime, RuntimeEvent};

parameter_types! {
	/// Derives the treasury account.
	pub const TreasuryPalletId: PalletId = PalletId(*b"gsm/trsy");
	/// The protocol treasury: receives fees and (later) the protocol margin on every payout.
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
	/// Fees do not float with congestion yet: predictable prices for subscribers.
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

/// Native-token fees and tips go to the treasury.
pub type NativeFeesToTreasury = ResolveTo<TreasuryAccount, Balances>;

/// Stablecoin fees and tips go to the treasury. If the treasury cannot take them (it never
/// falls below the minimum balance, which genesis gives it), the credit is burnt.
pub struct StablecoinFeesToTreasury;
impl HandleCredit<AccountId, Assets> for StablecoinFeesToTreasury {
	fn handle_credit(credit: fungibles::Credit<AccountId, Assets>) {
		if credit.peek() == 0 {
			return;
		}
		let _ =
			<Assets as fungibles::Balanced<AccountId>>::resolve(&TreasuryAccount::get(), credit);
	}
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Operators' pots pay their subscribers' sponsored calls; everything else is paid by the
	/// sender.
	type OnChargeTransaction = SponsoredFees<FungibleAdapter<Balances, NativeFeesToTreasury>>;
	type OperationalFeeMultiplier = frame_support::traits::ConstU8<5>;
	/// One unit of fee per picosecond of weight and per byte of length.
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_asset_tx_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Fungibles = Assets;
	/// A fee in the stablecoin is the native fee scaled by the ratio of the stablecoin's minimum
	/// balance to the native existential deposit (one cent per milli-GSIM).
	type OnChargeAssetTransaction = FungiblesAdapter<
		pallet_assets::BalanceToAssetBalance<Balances, Runtime, ConvertInto>,
		StablecoinFeesToTreasury,
	>;
	type WeightInfo = pallet_asset_tx_payment::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::AssetTxPaymentHelper;
}
