//! Ending an entitlement early: one its operator never delivered, with everything paid for it
//! refunded; or one a dispute ruling ends, with the money split as the council decided.

use crate::*;
use frame_support::storage::with_storage_layer;
use gesim_primitives::{
	traits::pro_rata, BasisPoints, EntitlementId, EscrowLedger, Release, StablecoinAmount,
	BPS_DENOMINATOR,
};
use sp_runtime::{
	traits::{One, Saturating},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Ends `entitlement` with the previous block (unless it ended before), takes its quota and
	/// refunds all its escrow holds. The entitlement stays until closed, like an expired one.
	pub(crate) fn do_revoke_unserved(
		entitlement: EntitlementId,
	) -> Result<StablecoinAmount, DispatchError> {
		with_storage_layer(|| {
			let (holder, refunded, _) = Self::end_now(entitlement, BPS_DENOMINATOR)?;
			Self::deposit_event(Event::EntitlementRevoked { entitlement, holder, refunded });
			Ok(refunded)
		})
	}

	/// Ends `entitlement` as [`Self::end_now`] does with `to_holder_bps`, for a dispute ruling.
	pub(crate) fn do_end_by_ruling(
		entitlement: EntitlementId,
		to_holder_bps: BasisPoints,
	) -> Result<(StablecoinAmount, Release), DispatchError> {
		with_storage_layer(|| {
			let (holder, refunded, release) = Self::end_now(entitlement, to_holder_bps)?;
			Self::deposit_event(Event::EntitlementEndedByRuling {
				entitlement,
				holder,
				refunded,
				released: release.total(),
			});
			Ok((refunded, release))
		})
	}

	/// Ends `entitlement` with the previous block (unless it ended before) and takes its quota:
	/// `to_holder_bps` of what its escrow holds unreserved goes back to the holder, the rest to
	/// the operator — all of it to the holder after the settlement deadline. Money reserved for
	/// a held settlement is the challenge window's to decide. A frozen intent (open dispute)
	/// refuses. Returns the holder, what was refunded and what was released.
	fn end_now(
		entitlement: EntitlementId,
		to_holder_bps: BasisPoints,
	) -> Result<(T::AccountId, StablecoinAmount, Release), DispatchError> {
		let mut record =
			Entitlements::<T>::get(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
		let held = T::Escrow::unreserved(record.intent).unwrap_or(0);
		let now = frame_system::Pallet::<T>::block_number();
		let refunded = match T::Escrow::settlement_deadline(record.intent) {
			Some(deadline) if now <= deadline => {
				pro_rata(held, to_holder_bps.min(BPS_DENOMINATOR).into(), BPS_DENOMINATOR.into())
			},
			_ => held,
		};
		let released = held.saturating_sub(refunded);
		if refunded > 0 {
			T::Escrow::refund(record.intent, refunded)?;
		}
		// Released before the expiry moves: the ruling pays for the service as it was.
		let release = if released > 0 {
			T::Escrow::release(record.intent, released)?
		} else {
			Release::default()
		};
		Self::end_with_previous_block(&mut record)?;
		let holder = record.holder.clone();
		Entitlements::<T>::insert(entitlement, record);
		Ok((holder, refunded, release))
	}

	/// Ends `record` with the previous block (unless it ended before), in its escrow too, and
	/// takes its quota: no usage after now is paid from it.
	pub(crate) fn end_with_previous_block(record: &mut EntitlementOf<T>) -> DispatchResult {
		let ended_at = frame_system::Pallet::<T>::block_number().saturating_sub(One::one());
		if record.expires_at > ended_at {
			T::Escrow::end_early(record.intent, ended_at)?;
			record.expires_at = ended_at;
		}
		record.remaining_bytes = 0;
		Ok(())
	}
}
