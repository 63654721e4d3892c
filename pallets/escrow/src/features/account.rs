//! Money in and out of the escrow account.

use crate::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	tokens::Preservation,
};
use gesim_primitives::StablecoinAmount;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Tops the escrow account up to the stablecoin's minimum balance, so that amounts below the
	/// minimum can be escrowed and the last payout never reaps the account.
	pub(crate) fn ensure_account_endowed() -> DispatchResult {
		let account = Self::account_id();
		let minimum = T::Stablecoin::minimum_balance();
		let balance = T::Stablecoin::balance(&account);
		if balance < minimum {
			T::Stablecoin::mint_into(&account, minimum.saturating_sub(balance))?;
		}
		Ok(())
	}

	/// Moves `amount` from `payer` into the escrow account.
	///
	/// The payer keeps at least the minimum balance: subscribers hold no native token, so their
	/// stablecoin balance is often what keeps their account, and its nonce, alive.
	pub(crate) fn pay_in(payer: &T::AccountId, amount: StablecoinAmount) -> DispatchResult {
		T::Stablecoin::transfer(payer, &Self::account_id(), amount, Preservation::Preserve)
			.map(|_| ())
	}

	/// Pays `amount` out of the escrow account to `to`; nothing to do for zero.
	pub(crate) fn pay_out(to: &T::AccountId, amount: StablecoinAmount) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		// The endowment keeps the account above the minimum, so `Expendable` never reaps it.
		T::Stablecoin::transfer(&Self::account_id(), to, amount, Preservation::Expendable)
			.map(|_| ())
	}

	/// The escrow account's stablecoin balance.
	pub fn account_balance() -> StablecoinAmount {
		T::Stablecoin::balance(&Self::account_id())
	}
}
