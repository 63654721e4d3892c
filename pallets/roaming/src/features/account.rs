//! Deposits: money in and out of the pool account.

use crate::*;
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
	},
};
use gesim_primitives::StablecoinAmount;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// `deposit`: `operator` pays `amount` into its deposit.
	pub(crate) fn do_deposit(operator: T::AccountId, amount: StablecoinAmount) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let deposit = Deposits::<T>::get(&operator)
			.checked_add(amount)
			.ok_or(Error::<T>::DepositOverflow)?;
		// Operators keep their own account alive: it may be all that holds their nonce.
		T::Stablecoin::transfer(&operator, &Self::account_id(), amount, Preservation::Preserve)?;
		Deposits::<T>::insert(&operator, deposit);
		Self::deposit_event(Event::Deposited { operator, amount, deposit });
		Ok(())
	}

	/// `withdraw`: `operator` takes `amount` out of its deposit, which keeps covering its
	/// obligations (carried debt and booked payables).
	pub(crate) fn do_withdraw(operator: T::AccountId, amount: StablecoinAmount) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let deposit = Deposits::<T>::get(&operator)
			.checked_sub(amount)
			.ok_or(Error::<T>::InsufficientDeposit)?;
		ensure!(deposit >= Self::obligations(&operator), Error::<T>::DepositBelowObligations);
		Self::pay_out(&operator, amount)?;
		Self::set_deposit(&operator, deposit);
		Self::deposit_event(Event::Withdrawn { operator, amount, deposit });
		Ok(())
	}

	/// What `operator` still owes from earlier nettings.
	pub fn carried_debt(operator: &T::AccountId) -> StablecoinAmount {
		Carried::<T>::get(operator)
			.filter(|position| *position < 0)
			.map_or(0, |position| position.unsigned_abs())
	}

	/// Stores `operator`'s deposit, removing the entry when it is empty.
	pub(crate) fn set_deposit(operator: &T::AccountId, deposit: StablecoinAmount) {
		if deposit == 0 {
			Deposits::<T>::remove(operator);
		} else {
			Deposits::<T>::insert(operator, deposit);
		}
	}

	/// Tops the pool account up to the stablecoin's minimum balance, so that deposits below
	/// the minimum can be held and the last payout never reaps the account.
	pub(crate) fn ensure_account_endowed() -> DispatchResult {
		let account = Self::account_id();
		let minimum = T::Stablecoin::minimum_balance();
		let balance = T::Stablecoin::balance(&account);
		if balance < minimum {
			T::Stablecoin::mint_into(&account, minimum.saturating_sub(balance))?;
		}
		Ok(())
	}

	/// Pays `amount` out of the pool account to `to`; nothing to do for zero.
	pub(crate) fn pay_out(to: &T::AccountId, amount: StablecoinAmount) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		// The endowment keeps the account above the minimum, so `Expendable` never reaps it.
		T::Stablecoin::transfer(&Self::account_id(), to, amount, Preservation::Expendable)
			.map(|_| ())
	}

	/// The pool account's stablecoin balance.
	pub fn account_balance() -> StablecoinAmount {
		T::Stablecoin::balance(&Self::account_id())
	}
}
