//! Roaming usage: who may invoice under an agreement, and booking proved usage as a payable the
//! home operator's deposit covers, within the agreement's credit limit.

use crate::*;
use frame_support::{ensure, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{AgreementId, Bytes, StablecoinAmount};
use sp_runtime::{traits::Saturating, DispatchError};

impl<T: Config> Pallet<T> {
	/// `agreement`, if `visited` may invoice usage anchored in block `anchored_at` under it
	/// now: `visited` is a party, the agreement was in force in that block (signed, within
	/// its validity, not terminated before it), and if it has ended since, its settlement
	/// grace has not run out.
	pub(crate) fn invoiceable(
		agreement: AgreementId,
		visited: &T::AccountId,
		anchored_at: BlockNumberFor<T>,
	) -> Result<AgreementOf<T>, DispatchError> {
		let record = Agreements::<T>::get(agreement).ok_or(Error::<T>::UnknownAgreement)?;
		match record.status {
			AgreementStatus::InForce => {},
			AgreementStatus::Proposed { .. } => return Err(Error::<T>::AgreementNotAccepted.into()),
			AgreementStatus::Terminated { at } => {
				ensure!(anchored_at <= at, Error::<T>::AgreementTerminated)
			},
		}
		ensure!(anchored_at >= record.terms.valid_from, Error::<T>::AgreementNotYetValid);
		ensure!(anchored_at <= record.terms.valid_until, Error::<T>::AgreementExpired);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			now <= record.in_force_until().saturating_add(T::SettlementGrace::get()),
			Error::<T>::SettlementGraceOver
		);
		ensure!(record.is_party(visited), Error::<T>::NotAParty);
		Ok(record)
	}

	/// Books `bytes` used on `visited`'s network by the other party's subscribers, anchored in
	/// block `anchored_at`: the charge is added to what the other party owes `visited` under
	/// `agreement`, if it stays within the credit limit and the home operator's deposit covers
	/// it on top of its obligations. Returns the charge.
	pub(crate) fn do_book_usage(
		agreement: AgreementId,
		visited: &T::AccountId,
		bytes: Bytes,
		anchored_at: BlockNumberFor<T>,
	) -> Result<StablecoinAmount, DispatchError> {
		let mut record = Self::invoiceable(agreement, visited, anchored_at)?;
		let amount =
			roaming_charge(bytes, record.terms.rate_per_mb, record.terms.revenue_share_bps)
				.ok_or(Error::<T>::ChargeOverflow)?;
		let outstanding = Outstanding::<T>::get()
			.checked_add(amount)
			.filter(|total| *total <= MAX_OUTSTANDING)
			.ok_or(Error::<T>::PayableOverflow)?;

		let credit_limit = record.terms.credit_limit;
		// `invoiceable` checked that `visited` is a party.
		let home = record.other_party(visited).ok_or(Error::<T>::NotAParty)?.clone();
		let accrued = record.accrued_to_mut(visited).ok_or(Error::<T>::NotAParty)?;
		// Never above `outstanding`, so this cannot overflow once the line above passed.
		*accrued = accrued.checked_add(amount).ok_or(Error::<T>::PayableOverflow)?;
		ensure!(*accrued <= credit_limit, Error::<T>::CreditLimitExceeded);
		let accrued = *accrued;
		let booked = BookedPayables::<T>::get(&home)
			.checked_add(amount)
			.ok_or(Error::<T>::PayableOverflow)?;
		let obligations = booked
			.checked_add(Self::carried_debt(&home))
			.ok_or(Error::<T>::PayableOverflow)?;
		ensure!(obligations <= Deposits::<T>::get(&home), Error::<T>::InsufficientCollateral);

		Agreements::<T>::insert(agreement, record);
		Outstanding::<T>::put(outstanding);
		Self::set_booked(&home, booked);
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

	/// How much more may be booked under `agreement` for usage on `visited`'s network before
	/// its next settlement: what is left of the credit limit in that direction, and of the home
	/// operator's deposit beyond its obligations, whichever is less. `None` if there is no such
	/// agreement or `visited` is not a party. Whether the usage may be invoiced at all (the
	/// agreement's status and validity) is [`gesim_primitives::RoamingLedger::ensure_can_invoice`].
	pub fn booking_headroom(
		agreement: AgreementId,
		visited: &T::AccountId,
	) -> Option<StablecoinAmount> {
		let record = Agreements::<T>::get(agreement)?;
		let home = record.other_party(visited)?;
		let credit_left = record.terms.credit_limit.saturating_sub(record.accrued_to(visited)?);
		Some(credit_left.min(Self::free_deposit(home)))
	}

	/// What `operator` could still withdraw, or have booked against it: its deposit beyond its
	/// obligations.
	pub fn free_deposit(operator: &T::AccountId) -> StablecoinAmount {
		Deposits::<T>::get(operator).saturating_sub(Self::obligations(operator))
	}

	/// What `operator`'s deposit must cover: its carried debt and its booked payables. Each is
	/// at most `MAX_OUTSTANDING`, so their sum is exact.
	pub fn obligations(operator: &T::AccountId) -> StablecoinAmount {
		Self::carried_debt(operator).saturating_add(BookedPayables::<T>::get(operator))
	}

	/// Stores `operator`'s booked payables, removing the entry when there are none.
	pub(crate) fn set_booked(operator: &T::AccountId, booked: StablecoinAmount) {
		if booked == 0 {
			BookedPayables::<T>::remove(operator);
		} else {
			BookedPayables::<T>::insert(operator, booked);
		}
	}
}
