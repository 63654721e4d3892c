//! Roaming usage: who may invoice under an agreement, and booking proved usage as a payable.

use crate::*;
use frame_support::ensure;
use gesim_primitives::{AgreementId, Bytes, StablecoinAmount};
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// `agreement`, if `visited` may invoice usage under it now: it is in force, the current
	/// block is within its validity, and `visited` is a party.
	pub(crate) fn invoiceable(
		agreement: AgreementId,
		visited: &T::AccountId,
	) -> Result<AgreementOf<T>, DispatchError> {
		let record = Agreements::<T>::get(agreement).ok_or(Error::<T>::UnknownAgreement)?;
		match record.status {
			AgreementStatus::InForce => {},
			AgreementStatus::Proposed => return Err(Error::<T>::AgreementNotAccepted.into()),
			AgreementStatus::Terminated => return Err(Error::<T>::AgreementTerminated.into()),
		}
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= record.terms.valid_from, Error::<T>::AgreementNotYetValid);
		ensure!(now <= record.terms.valid_until, Error::<T>::AgreementExpired);
		ensure!(record.is_party(visited), Error::<T>::NotAParty);
		Ok(record)
	}

	/// Books `bytes` used on `visited`'s network by the other party's subscribers: the charge
	/// is added to what the other party owes `visited` under `agreement`. Returns the charge.
	pub(crate) fn do_book_usage(
		agreement: AgreementId,
		visited: &T::AccountId,
		bytes: Bytes,
	) -> Result<StablecoinAmount, DispatchError> {
		let mut record = Self::invoiceable(agreement, visited)?;
		let amount =
			roaming_charge(bytes, record.terms.rate_per_mb, record.terms.revenue_share_bps)
				.ok_or(Error::<T>::ChargeOverflow)?;
		let outstanding = Outstanding::<T>::get()
			.checked_add(amount)
			.filter(|total| *total <= MAX_OUTSTANDING)
			.ok_or(Error::<T>::PayableOverflow)?;

		let (home, accrued) = if record.proposer == *visited {
			(record.counterparty.clone(), &mut record.payable_to_proposer)
		} else {
			(record.proposer.clone(), &mut record.payable_to_counterparty)
		};
		// Never above `outstanding`, so this cannot fail once the line above passed.
		*accrued = accrued.checked_add(amount).ok_or(Error::<T>::PayableOverflow)?;
		let accrued = *accrued;

		Agreements::<T>::insert(agreement, record);
		Outstanding::<T>::put(outstanding);
		Self::deposit_event(Event::UsageBooked {
			agreement,
			visited: visited.clone(),
			home,
			bytes,
			amount,
			accrued,
		});
		Ok(amount)
	}
}
