//! Money into and out of intents: what the other pallets do through `EscrowLedger`.

use super::margin::margin_of;
use crate::*;
use frame_support::{ensure, traits::Get};
use gesim_primitives::{IntentId, ProtocolParameters, Release, StablecoinAmount};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Opens an intent: `payer` pays `amount` for `payee`, refundable after `expires_at`.
	pub(crate) fn do_open(
		payer: &T::AccountId,
		payee: &T::AccountId,
		amount: StablecoinAmount,
		expires_at: frame_system::pallet_prelude::BlockNumberFor<T>,
	) -> Result<IntentId, DispatchError> {
		let intent = Self::new_intent(payer, payee, amount, expires_at)?;
		Self::pay_in(payer, amount)?;
		Ok(intent)
	}

	/// Moves `amount` of what `intent` holds unreserved into a new intent of `payer` for
	/// `payee`, refundable after `expires_at`: a dispute ruling reallocated the service to
	/// another operator, or a resale's buyer took over a share of it. The money stays in the
	/// escrow account; the old intent counts it as refunded (to its payer's credit: by the
	/// ruling, or by the price the buyer paid) and the new one as paid, so both keep their
	/// totals.
	pub(crate) fn do_reassign(
		intent: IntentId,
		amount: StablecoinAmount,
		payer: &T::AccountId,
		payee: &T::AccountId,
		expires_at: frame_system::pallet_prelude::BlockNumberFor<T>,
	) -> Result<IntentId, DispatchError> {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let mut record = Self::movable(intent)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < record.refundable_from(), Error::<T>::Expired);
		ensure!(amount <= Self::unreserved_of(intent, &record), Error::<T>::InsufficientHeld);
		Self::count_refunded(&mut record, amount)?;
		Intents::<T>::insert(intent, record);
		let to = Self::new_intent(payer, payee, amount, expires_at)?;
		Self::deposit_event(Event::Reassigned { from: intent, to, payer: payer.clone(), amount });
		Ok(to)
	}

	/// Records a new intent funded with `amount` (the caller moves the money).
	fn new_intent(
		payer: &T::AccountId,
		payee: &T::AccountId,
		amount: StablecoinAmount,
		expires_at: frame_system::pallet_prelude::BlockNumberFor<T>,
	) -> Result<IntentId, DispatchError> {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		ensure!(expires_at >= frame_system::Pallet::<T>::block_number(), Error::<T>::ExpiryInPast);
		let intent = NextIntentId::<T>::get();
		let next = intent.checked_add(1).ok_or(Error::<T>::NoIntentIdLeft)?;

		let mut record = Intent {
			payer: payer.clone(),
			payee: payee.clone(),
			paid: amount,
			held: amount,
			released: 0,
			margin: 0,
			refunded: 0,
			expires_at,
			settlement_grace: T::Parameters::settlement_grace(),
			status: IntentStatus::Funded,
			queued_in: None,
		};
		Self::requeue(intent, &mut record)?;
		Intents::<T>::insert(intent, record);
		NextIntentId::<T>::put(next);
		Self::deposit_event(Event::IntentFunded {
			intent,
			payer: payer.clone(),
			payee: payee.clone(),
			amount,
			expires_at,
		});
		Ok(intent)
	}

	/// The payer pays `amount` more into `intent`; its expiry moves to `expires_at` if later.
	/// A closed intent opens again: an entitlement whose money was all released can be topped up.
	pub(crate) fn do_top_up(
		intent: IntentId,
		amount: StablecoinAmount,
		expires_at: frame_system::pallet_prelude::BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let mut record = Intents::<T>::get(intent).ok_or(Error::<T>::UnknownIntent)?;
		// A disputed amount stays fixed until the ruling.
		ensure!(record.status != IntentStatus::Frozen, Error::<T>::Frozen);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < record.refundable_from(), Error::<T>::Expired);

		record.paid = record.paid.checked_add(amount).ok_or(Error::<T>::AmountOverflow)?;
		record.held = record.held.checked_add(amount).ok_or(Error::<T>::AmountOverflow)?;
		if expires_at > record.expires_at {
			record.expires_at = expires_at;
			Self::requeue(intent, &mut record)?;
		}
		record.status = record.open_status();

		Self::pay_in(&record.payer, amount)?;
		let expires_at = record.expires_at;
		Intents::<T>::insert(intent, record);
		Self::deposit_event(Event::IntentToppedUp { intent, amount, expires_at });
		Ok(())
	}

	/// Pays `amount` of what `intent` holds and has not reserved to its payee, less the
	/// protocol margin, which goes to the treasury.
	pub(crate) fn do_release(
		intent: IntentId,
		amount: StablecoinAmount,
	) -> Result<Release, DispatchError> {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let record = Self::movable(intent)?;
		// By the intent's own refund time, not by how far `on_idle` has got: once it has come,
		// what is held is the subscriber's, whether or not the refund has run yet.
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < record.refundable_from(), Error::<T>::Expired);
		ensure!(amount <= Self::unreserved_of(intent, &record), Error::<T>::InsufficientHeld);
		Self::pay_payee(intent, record, amount)
	}

	/// Returns `amount` of what `intent` holds and has not reserved to its payer.
	pub(crate) fn do_refund(intent: IntentId, amount: StablecoinAmount) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let record = Self::movable(intent)?;
		ensure!(amount <= Self::unreserved_of(intent, &record), Error::<T>::InsufficientHeld);
		Self::pay_payer(intent, record, amount)
	}

	/// Sets `amount` of what `intent` holds aside for a settlement in its challenge window.
	pub(crate) fn do_reserve(intent: IntentId, amount: StablecoinAmount) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let record = Self::movable(intent)?;
		// Reserving is paying later: only while a release would still be accepted.
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < record.refundable_from(), Error::<T>::Expired);
		ensure!(amount <= Self::unreserved_of(intent, &record), Error::<T>::InsufficientHeld);
		let reserved = Reserved::<T>::get(intent)
			.unwrap_or(0)
			.checked_add(amount)
			.ok_or(Error::<T>::AmountOverflow)?;
		Reserved::<T>::insert(intent, reserved);
		Self::deposit_event(Event::Reserved { intent, amount, reserved });
		Ok(())
	}

	/// Pays `amount` of the money reserved in `intent` to its payee, less the margin.
	pub(crate) fn do_release_reserved(
		intent: IntentId,
		amount: StablecoinAmount,
	) -> Result<Release, DispatchError> {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let record = Self::movable(intent)?;
		Self::unreserve(intent, amount)?;
		let release = Self::pay_payee(intent, record, amount)?;
		Self::close_if_done(intent)?;
		Ok(release)
	}

	/// Returns `amount` of the money reserved in `intent` to its payer.
	pub(crate) fn do_refund_reserved(intent: IntentId, amount: StablecoinAmount) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let record = Self::movable(intent)?;
		Self::unreserve(intent, amount)?;
		Self::pay_payer(intent, record, amount)?;
		Self::close_if_done(intent)
	}

	/// What `record` (of `intent`) holds and has not reserved.
	fn unreserved_of(intent: IntentId, record: &IntentOf<T>) -> StablecoinAmount {
		record.held.saturating_sub(Reserved::<T>::get(intent).unwrap_or(0))
	}

	/// Takes `amount` off what `intent` has reserved.
	fn unreserve(intent: IntentId, amount: StablecoinAmount) -> DispatchResult {
		let reserved = Reserved::<T>::get(intent)
			.unwrap_or(0)
			.checked_sub(amount)
			.ok_or(Error::<T>::InsufficientReserved)?;
		Reserved::<T>::set(intent, (reserved > 0).then_some(reserved));
		Ok(())
	}

	/// Pays `amount` of `record`'s held money to the payee, less the margin in force.
	fn pay_payee(
		intent: IntentId,
		mut record: IntentOf<T>,
		amount: StablecoinAmount,
	) -> Result<Release, DispatchError> {
		let margin = margin_of(amount, T::Parameters::protocol_margin())
			.ok_or(Error::<T>::AmountOverflow)?;
		let to_payee = amount.checked_sub(margin).ok_or(Error::<T>::AmountOverflow)?;
		Self::pay_out(&record.payee, to_payee)?;
		Self::pay_out(&T::Treasury::get(), margin)?;

		record.held = record.held.checked_sub(amount).ok_or(Error::<T>::InsufficientHeld)?;
		record.released =
			record.released.checked_add(to_payee).ok_or(Error::<T>::AmountOverflow)?;
		record.margin = record.margin.checked_add(margin).ok_or(Error::<T>::AmountOverflow)?;
		record.status =
			if record.held == 0 { IntentStatus::Released } else { IntentStatus::PartiallyReleased };
		Intents::<T>::insert(intent, record);
		Self::deposit_event(Event::Released { intent, to_payee, margin });
		Ok(Release { to_payee, margin })
	}

	/// Returns `amount` of `record`'s held money to the payer.
	fn pay_payer(
		intent: IntentId,
		mut record: IntentOf<T>,
		amount: StablecoinAmount,
	) -> DispatchResult {
		Self::pay_out(&record.payer, amount)?;
		Self::count_refunded(&mut record, amount)?;
		Intents::<T>::insert(intent, record);
		Self::deposit_event(Event::Refunded { intent, amount });
		Ok(())
	}

	/// Counts `amount` of `record`'s held money as returned to the payer.
	fn count_refunded(record: &mut IntentOf<T>, amount: StablecoinAmount) -> DispatchResult {
		record.held = record.held.checked_sub(amount).ok_or(Error::<T>::InsufficientHeld)?;
		record.refunded = record.refunded.checked_add(amount).ok_or(Error::<T>::AmountOverflow)?;
		record.status =
			if record.held == 0 { IntentStatus::Refunded } else { record.open_status() };
		Ok(())
	}

	/// Removes `intent` once its refund time has passed, the refund of its unreserved money has
	/// run (it left the queue) and nothing is reserved any more.
	fn close_if_done(intent: IntentId) -> DispatchResult {
		let Some(record) = Intents::<T>::get(intent) else { return Ok(()) };
		let now = frame_system::Pallet::<T>::block_number();
		if record.queued_in.is_none()
			&& now >= record.refundable_from()
			&& !Reserved::<T>::contains_key(intent)
		{
			Self::settle_expired(intent, record)?;
		}
		Ok(())
	}

	/// Brings the expiry of `intent` forward to `expires_at`: the entitlement it pays for ended
	/// early. Usage from before may still be proved within the intent's settlement grace;
	/// what is left after it goes back to the payer, by the expiry queue.
	pub(crate) fn do_end_early(
		intent: IntentId,
		expires_at: frame_system::pallet_prelude::BlockNumberFor<T>,
	) -> DispatchResult {
		let mut record = Intents::<T>::get(intent).ok_or(Error::<T>::UnknownIntent)?;
		// A disputed intent stays as it is until the ruling.
		ensure!(record.status != IntentStatus::Frozen, Error::<T>::Frozen);
		ensure!(expires_at <= record.expires_at, Error::<T>::ExpiryNotEarlier);
		if expires_at < record.expires_at {
			record.expires_at = expires_at;
			Self::requeue(intent, &mut record)?;
		}
		Intents::<T>::insert(intent, record);
		Self::deposit_event(Event::IntentEndedEarly { intent, expires_at });
		Ok(())
	}

	/// The last block in which proved usage may still release money from `intent`.
	pub(crate) fn settlement_deadline(
		intent: IntentId,
	) -> Option<frame_system::pallet_prelude::BlockNumberFor<T>> {
		use sp_runtime::traits::Saturating;
		Intents::<T>::get(intent).map(|record| record.refundable_from().saturating_sub(1u32.into()))
	}

	/// Freezes `intent` for a dispute; it leaves the expiry queue so that no refund happens.
	pub(crate) fn do_freeze(intent: IntentId) -> DispatchResult {
		let mut record = Intents::<T>::get(intent).ok_or(Error::<T>::UnknownIntent)?;
		ensure!(record.status != IntentStatus::Frozen, Error::<T>::AlreadyFrozen);
		// Money already paid out is beyond the escrow's reach.
		ensure!(!record.status.is_closed(), Error::<T>::AlreadyClosed);
		if let Some(slot) = record.queued_in.take() {
			Self::dequeue(intent, slot);
		}
		record.status = IntentStatus::Frozen;
		Intents::<T>::insert(intent, record);
		Self::deposit_event(Event::Frozen { intent });
		Ok(())
	}

	/// Lifts a freeze; an intent whose refund time passed meanwhile is refunded soon after.
	pub(crate) fn do_thaw(intent: IntentId) -> DispatchResult {
		let mut record = Intents::<T>::get(intent).ok_or(Error::<T>::UnknownIntent)?;
		ensure!(record.status == IntentStatus::Frozen, Error::<T>::NotFrozen);
		Self::requeue(intent, &mut record)?;
		record.status = record.open_status();
		Intents::<T>::insert(intent, record);
		Self::deposit_event(Event::Thawed { intent });
		Ok(())
	}

	/// `intent`, if money may leave it now: it exists, is not frozen and still holds some.
	fn movable(intent: IntentId) -> Result<IntentOf<T>, DispatchError> {
		let record = Intents::<T>::get(intent).ok_or(Error::<T>::UnknownIntent)?;
		ensure!(record.status != IntentStatus::Frozen, Error::<T>::Frozen);
		ensure!(!record.status.is_closed(), Error::<T>::AlreadyClosed);
		Ok(record)
	}
}
