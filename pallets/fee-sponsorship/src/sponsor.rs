//! Pots, terms, and the decision whether a pot pays for a transaction.

use crate::{
	AllowanceUse, Allowances, BalanceOf, Config, Error, Event, Pallet, SponsorshipTerms, Terms,
};
use frame_support::{
	ensure,
	traits::{fungible::Mutate, tokens::Preservation, Contains, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{IdentityInspect, TelcoInspect};
use sp_runtime::{
	traits::{AccountIdConversion, Zero},
	DispatchResult, Saturating,
};

impl<T: Config> Pallet<T> {
	/// The account holding `telco`'s pot: the pallet id followed by the operator's account,
	/// truncated to an account's size (for 32-byte accounts, the operator's first 20 bytes).
	pub fn pot_account(telco: &T::AccountId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(telco)
	}

	pub(crate) fn do_fund_pot(
		from: T::AccountId,
		telco: T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		T::Currency::transfer(&from, &Self::pot_account(&telco), amount, Preservation::Preserve)?;
		Self::deposit_event(Event::PotFunded { telco, from, amount });
		Ok(())
	}

	pub(crate) fn do_withdraw_pot(telco: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		T::Currency::transfer(
			&Self::pot_account(&telco),
			&telco,
			amount,
			Preservation::Expendable,
		)?;
		Self::deposit_event(Event::PotWithdrawn { telco, amount });
		Ok(())
	}

	pub(crate) fn do_set_terms(
		telco: T::AccountId,
		transactions_per_period: u32,
		period: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(T::Telcos::is_active(&telco), Error::<T>::NotActiveTelco);
		ensure!(transactions_per_period > 0, Error::<T>::ZeroAllowance);
		ensure!(!period.is_zero() && period <= T::MaxPeriod::get(), Error::<T>::InvalidPeriod);
		Terms::<T>::insert(&telco, SponsorshipTerms { transactions_per_period, period });
		Self::deposit_event(Event::TermsSet { telco, transactions_per_period, period });
		Ok(())
	}

	pub(crate) fn do_end_sponsorship(telco: T::AccountId) -> DispatchResult {
		ensure!(Terms::<T>::take(&telco).is_some(), Error::<T>::NotSponsoring);
		Self::deposit_event(Event::SponsorshipEnded { telco });
		Ok(())
	}

	/// The operator whose pot would pay for `who` sending `call`, and that pot: only for a
	/// sponsored call, by a subscriber of an active operator that sponsors, within the
	/// subscriber's allowance. Whether the pot holds enough is the fee adapter's check.
	pub fn sponsor_for(
		who: &T::AccountId,
		call: &<T as frame_system::Config>::RuntimeCall,
	) -> Option<(T::AccountId, T::AccountId)> {
		if !T::SponsoredCalls::contains(call) {
			return None;
		}
		let telco = T::Identity::verified_issuer(who)?;
		if !T::Telcos::is_active(&telco) {
			return None;
		}
		let terms = Terms::<T>::get(&telco)?;
		let used = Self::allowance_use(&telco, who, &terms);
		(used.used < terms.transactions_per_period).then(|| {
			let pot = Self::pot_account(&telco);
			(telco, pot)
		})
	}

	/// Counts one sponsored transaction of `subscriber` against `telco`'s allowance.
	pub(crate) fn note_sponsored(
		telco: &T::AccountId,
		subscriber: &T::AccountId,
		fee: BalanceOf<T>,
	) {
		if let Some(terms) = Terms::<T>::get(telco) {
			let mut used = Self::allowance_use(telco, subscriber, &terms);
			used.used = used.used.saturating_add(1);
			Allowances::<T>::insert(telco, subscriber, used);
		}
		Self::deposit_event(Event::FeeSponsored {
			telco: telco.clone(),
			subscriber: subscriber.clone(),
			fee,
		});
	}

	/// The subscriber's use in the current period (a new period starts from zero).
	fn allowance_use(
		telco: &T::AccountId,
		subscriber: &T::AccountId,
		terms: &SponsorshipTerms<BlockNumberFor<T>>,
	) -> AllowanceUse<BlockNumberFor<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		// Stored terms never have a zero period (`set_terms` refuses it); guard the division anyway.
		let into_period = if terms.period.is_zero() { Zero::zero() } else { now % terms.period };
		let period_start = now.saturating_sub(into_period);
		match Allowances::<T>::get(telco, subscriber) {
			Some(used) if used.period_start == period_start => used,
			_ => AllowanceUse { period_start, used: 0 },
		}
	}
}
