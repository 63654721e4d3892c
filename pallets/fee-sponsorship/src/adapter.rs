//! Charging a sponsored transaction's fee to the operator's pot.

use crate::{BalanceOf, Config, Pallet};
use core::marker::PhantomData;
use pallet_transaction_payment::{OnChargeTransaction, TxCreditHold};
use sp_runtime::{
	traits::{DispatchInfoOf, PostDispatchInfoOf, Zero},
	transaction_validity::TransactionValidityError,
};

/// Wraps the runtime's fee adapter `Inner`: a sponsored transaction (see
/// [`Pallet::sponsor_for`]) without a tip is charged to the operator's pot when the pot can
/// pay; everything else is charged to the sender by `Inner` as usual. Tips are never
/// sponsored, so a subscriber cannot spend a pot on priority.
///
/// A fee adapter declares no weight: the runtime must list [`WeighSponsorship`](crate::WeighSponsorship)
/// among its transaction extensions so that the lookups made here are charged.
pub struct SponsoredFees<Inner>(PhantomData<Inner>);

impl<T, Inner> TxCreditHold<T> for SponsoredFees<Inner>
where
	T: pallet_transaction_payment::Config,
	Inner: TxCreditHold<T>,
{
	type Credit = Inner::Credit;
}

/// Who pays: the sponsoring operator and its pot, if a pot pays.
type Payer<T> =
	Option<(<T as frame_system::Config>::AccountId, <T as frame_system::Config>::AccountId)>;

impl<T, Inner> OnChargeTransaction<T> for SponsoredFees<Inner>
where
	T: Config + pallet_transaction_payment::Config,
	Inner: OnChargeTransaction<T, Balance = BalanceOf<T>>,
{
	type Balance = BalanceOf<T>;
	type LiquidityInfo = (Payer<T>, Inner::LiquidityInfo);

	fn withdraw_fee(
		who: &T::AccountId,
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		fee_with_tip: Self::Balance,
		tip: Self::Balance,
	) -> Result<Self::LiquidityInfo, TransactionValidityError> {
		if let Some((telco, pot)) = sponsor::<T, Inner>(who, call, info, fee_with_tip, tip) {
			let liquidity = Inner::withdraw_fee(&pot, call, info, fee_with_tip, tip)?;
			return Ok((Some((telco, pot)), liquidity));
		}
		Ok((None, Inner::withdraw_fee(who, call, info, fee_with_tip, tip)?))
	}

	fn can_withdraw_fee(
		who: &T::AccountId,
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		fee_with_tip: Self::Balance,
		tip: Self::Balance,
	) -> Result<(), TransactionValidityError> {
		match sponsor::<T, Inner>(who, call, info, fee_with_tip, tip) {
			Some(_) => Ok(()),
			None => Inner::can_withdraw_fee(who, call, info, fee_with_tip, tip),
		}
	}

	fn correct_and_deposit_fee(
		who: &T::AccountId,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		post_info: &PostDispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		corrected_fee_with_tip: Self::Balance,
		tip: Self::Balance,
		(payer, liquidity): Self::LiquidityInfo,
	) -> Result<(), TransactionValidityError> {
		match payer {
			Some((telco, pot)) => {
				Inner::correct_and_deposit_fee(
					&pot,
					info,
					post_info,
					corrected_fee_with_tip,
					tip,
					liquidity,
				)?;
				Pallet::<T>::note_sponsored(&telco, who, corrected_fee_with_tip);
				Ok(())
			},
			None => Inner::correct_and_deposit_fee(
				who,
				info,
				post_info,
				corrected_fee_with_tip,
				tip,
				liquidity,
			),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn endow_account(who: &T::AccountId, amount: Self::Balance) {
		Inner::endow_account(who, amount)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn minimum_balance() -> Self::Balance {
		Inner::minimum_balance()
	}
}

/// The sponsor and pot that will pay, if the transaction is sponsored, has no tip, and the
/// pot can pay the fee.
fn sponsor<T, Inner>(
	who: &T::AccountId,
	call: &<T as frame_system::Config>::RuntimeCall,
	info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
	fee_with_tip: BalanceOf<T>,
	tip: BalanceOf<T>,
) -> Payer<T>
where
	T: Config + pallet_transaction_payment::Config,
	Inner: OnChargeTransaction<T, Balance = BalanceOf<T>>,
{
	if !tip.is_zero() {
		return None;
	}
	let (telco, pot) = Pallet::<T>::sponsor_for(who, call)?;
	Inner::can_withdraw_fee(&pot, call, info, fee_with_tip, tip).ok()?;
	Some((telco, pot))
}
