//! The council's hand on admitted operators: suspension, reinstatement, slashing.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::BalancedHold, OnUnbalanced},
};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Bars an active operator.
	pub(crate) fn do_suspend(telco: T::AccountId) -> DispatchResult {
		Self::change_status(
			&telco,
			TelcoStatus::Active,
			TelcoStatus::Suspended,
			Error::<T>::NotActive,
		)?;
		Self::deposit_event(Event::Suspended { telco });
		Ok(())
	}

	/// Lifts a suspension.
	pub(crate) fn do_reinstate(telco: T::AccountId) -> DispatchResult {
		Self::change_status(
			&telco,
			TelcoStatus::Suspended,
			TelcoStatus::Active,
			Error::<T>::NotSuspended,
		)?;
		Self::deposit_event(Event::Reinstated { telco });
		Ok(())
	}

	/// Takes `amount` of the held bond of `telco` and hands it to `Config::Slashed`.
	pub(crate) fn do_slash(telco: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let (amount, remaining_bond) = Telcos::<T>::try_mutate(&telco, |maybe_record| {
			let record = maybe_record.as_mut().ok_or(Error::<T>::UnknownTelco)?;
			ensure!(amount <= record.bond, Error::<T>::SlashExceedsBond);
			let (credit, missing) =
				T::Currency::slash(&HoldReason::TelcoBond.into(), &telco, amount);
			// Only this pallet holds for this reason, so `missing` is zero unless the hold was
			// reduced behind its back; the record follows what was really taken.
			let slashed = amount.saturating_sub(missing);
			record.bond = record.bond.saturating_sub(slashed);
			T::Slashed::on_unbalanced(credit);
			Ok::<_, DispatchError>((slashed, record.bond))
		})?;
		Self::deposit_event(Event::Slashed { telco, amount, remaining_bond });
		Ok(())
	}
}
