//! The council's hand on admitted operators: suspension, reinstatement, slashing; and the
//! operator's way back after a slash, topping its bond up.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{BalancedHold, Inspect, InspectHold, MutateHold},
		tokens::{DepositConsequence, Fortitude, Precision, Provenance, Restriction},
		OnUnbalanced,
	},
};
use sp_runtime::{
	traits::{CheckedSub, Zero},
	ArithmeticError,
};

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

	/// Lifts a suspension, once the bond is whole.
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

	/// Takes `amount` of the held bond of `telco` to `beneficiary`, or to `Config::Slashed` if
	/// `None`. An active operator left with a short bond is suspended.
	pub(crate) fn do_slash(
		telco: T::AccountId,
		amount: BalanceOf<T>,
		beneficiary: Option<T::AccountId>,
	) -> DispatchResult {
		let mut record = Telcos::<T>::get(&telco).ok_or(Error::<T>::UnknownTelco)?;
		ensure!(amount <= record.bond, Error::<T>::SlashExceedsBond);
		let reason: T::RuntimeHoldReason = HoldReason::TelcoBond.into();
		// Only this pallet holds for this reason, so the whole amount is taken unless the hold
		// was reduced behind its back; the record follows what was really taken.
		let slashed = match &beneficiary {
			Some(beneficiary) => {
				ensure!(
					T::Currency::can_deposit(beneficiary, amount, Provenance::Extant)
						== DepositConsequence::Success,
					Error::<T>::BeneficiaryCannotReceive
				);
				T::Currency::transfer_on_hold(
					&reason,
					&telco,
					beneficiary,
					amount,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				)?
			},
			None => {
				let (credit, missing) = T::Currency::slash(&reason, &telco, amount);
				T::Slashed::on_unbalanced(credit);
				amount.checked_sub(&missing).ok_or(ArithmeticError::Underflow)?
			},
		};
		record.bond = record.bond.checked_sub(&slashed).ok_or(ArithmeticError::Underflow)?;
		let suspended = record.status == TelcoStatus::Active && record.bond < T::TelcoBond::get();
		if suspended {
			record.status = TelcoStatus::Suspended;
		}
		let remaining_bond = record.bond;
		Telcos::<T>::insert(&telco, record);

		Self::deposit_event(Event::Slashed {
			telco: telco.clone(),
			amount: slashed,
			remaining_bond,
			beneficiary,
		});
		if suspended {
			Self::deposit_event(Event::Suspended { telco });
		}
		Ok(())
	}

	/// Holds what `telco` lacks of `TelcoBond`, so the council may approve or reinstate it.
	pub(crate) fn do_top_up_bond(telco: T::AccountId) -> DispatchResult {
		let mut record = Telcos::<T>::get(&telco).ok_or(Error::<T>::UnknownTelco)?;
		let bond = T::TelcoBond::get();
		let amount = bond
			.checked_sub(&record.bond)
			.filter(|shortfall| !shortfall.is_zero())
			.ok_or(Error::<T>::BondNotShort)?;
		let reason: T::RuntimeHoldReason = HoldReason::TelcoBond.into();
		ensure!(T::Currency::can_hold(&reason, &telco, amount), Error::<T>::InsufficientBond);

		T::Currency::hold(&reason, &telco, amount)?;
		record.bond = bond;
		Telcos::<T>::insert(&telco, record);
		Self::deposit_event(Event::BondToppedUp { telco, amount, bond });
		Ok(())
	}
}
