//! Disputed bookings: a dispute keeps an agreement out of netting, and a ruling may write down
//! what was booked under it.

use crate::*;
use frame_support::ensure;
use gesim_primitives::{AgreementId, StablecoinAmount};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// The operator owing `visited` under `agreement`, and what it owes for usage booked since
	/// the last settlement; `None` for an unknown agreement or an operator not a party to it.
	pub(crate) fn booked_to(
		agreement: AgreementId,
		visited: &T::AccountId,
	) -> Option<(T::AccountId, StablecoinAmount)> {
		let record = Agreements::<T>::get(agreement)?;
		Some((record.other_party(visited)?.clone(), record.accrued_to(visited)?))
	}

	/// Keeps `agreement` out of every netting run until [`Self::do_end_dispute`].
	pub(crate) fn do_dispute(agreement: AgreementId) -> DispatchResult {
		ensure!(Agreements::<T>::contains_key(agreement), Error::<T>::UnknownAgreement);
		ensure!(!DisputedAgreements::<T>::contains_key(agreement), Error::<T>::AlreadyDisputed);
		DisputedAgreements::<T>::insert(agreement, ());
		Self::deposit_event(Event::AgreementDisputed { agreement });
		Ok(())
	}

	/// Lets `agreement` be netted again.
	pub(crate) fn do_end_dispute(agreement: AgreementId) -> DispatchResult {
		ensure!(DisputedAgreements::<T>::take(agreement).is_some(), Error::<T>::NotDisputed);
		Self::deposit_event(Event::AgreementDisputeEnded { agreement });
		Ok(())
	}

	/// Takes `amount` off what the other party owes `visited` under `agreement`, and off its
	/// booked payables and the outstanding total with it: a ruling found it was not owed.
	pub(crate) fn do_write_down(
		agreement: AgreementId,
		visited: &T::AccountId,
		amount: StablecoinAmount,
	) -> Result<(), DispatchError> {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let mut record = Agreements::<T>::get(agreement).ok_or(Error::<T>::UnknownAgreement)?;
		let home = record.other_party(visited).ok_or(Error::<T>::NotAParty)?.clone();
		let accrued = record.accrued_to_mut(visited).ok_or(Error::<T>::NotAParty)?;
		*accrued = accrued.checked_sub(amount).ok_or(Error::<T>::InsufficientPayable)?;
		let accrued = *accrued;
		// Both include the accrued payable, so neither can fall short once the line above passed.
		let booked = BookedPayables::<T>::get(&home)
			.checked_sub(amount)
			.ok_or(Error::<T>::InconsistentLedger)?;
		let outstanding = Outstanding::<T>::get()
			.checked_sub(amount)
			.ok_or(Error::<T>::InconsistentLedger)?;
		Agreements::<T>::insert(agreement, record);
		Self::set_booked(&home, booked);
		Outstanding::<T>::put(outstanding);
		Self::deposit_event(Event::PayableWrittenDown {
			agreement,
			visited: visited.clone(),
			home,
			amount,
			accrued,
		});
		Ok(())
	}
}
