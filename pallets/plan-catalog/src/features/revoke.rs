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
	DispatchError,
};

impl<T: Config> Pallet<T> {
	/// Ends `entitlement` with the previous block (unless it ended before), takes its quota and
	/// refunds all its escrow holds. The entitlement stays until closed, like an expired one.
	pub(crate) fn do_revoke_unserved(
		entitlement: EntitlementId,
	) -> Result<StablecoinAmount, DispatchError> {
		with_storage_layer(|| {
			let mut record =
				Entitlements::<T>::get(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
			let ended_at = frame_system::Pallet::<T>::block_number().saturating_sub(One::one());
			if record.expires_at > ended_at {
				// A frozen intent (open dispute) refuses, and so the revocation.
				T::Escrow::end_early(record.intent, ended_at)?;
				record.expires_at = ended_at;
			}
			// Money reserved for a held settlement is the challenge window's to decide.
			let refunded = T::Escrow::unreserved(record.intent).unwrap_or(0);
			if refunded > 0 {
				T::Escrow::refund(record.intent, refunded)?;
			}
			record.remaining_bytes = 0;
			Self::deposit_event(Event::EntitlementRevoked {
				entitlement,
				holder: record.holder.clone(),
				refunded,
			});
			Entitlements::<T>::insert(entitlement, record);
			Ok(refunded)
		})
	}

	/// Ends `entitlement` with the previous block (unless it ended before) and takes its quota;
	/// `to_holder_bps` of what its escrow holds unreserved goes back to the holder, the rest to
	/// the operator.
	pub(crate) fn do_end_by_ruling(
		entitlement: EntitlementId,
		to_holder_bps: BasisPoints,
	) -> Result<(StablecoinAmount, Release), DispatchError> {
		with_storage_layer(|| {
			let mut record =
				Entitlements::<T>::get(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
			let held = T::Escrow::unreserved(record.intent).unwrap_or(0);
			let now = frame_system::Pallet::<T>::block_number();
			// After the settlement deadline what is held is the holder's whatever the ruling.
			let refunded = match T::Escrow::settlement_deadline(record.intent) {
				Some(deadline) if now <= deadline => pro_rata(
					held,
					to_holder_bps.min(BPS_DENOMINATOR).into(),
					BPS_DENOMINATOR.into(),
				),
				_ => held,
			};
			let released = held.saturating_sub(refunded);
			let ended_at = now.saturating_sub(One::one());
			if refunded > 0 {
				T::Escrow::refund(record.intent, refunded)?;
			}
			// Released before the expiry moves: the ruling pays for the service as it was.
			let release = if released > 0 {
				T::Escrow::release(record.intent, released)?
			} else {
				Release::default()
			};
			if record.expires_at > ended_at {
				T::Escrow::end_early(record.intent, ended_at)?;
				record.expires_at = ended_at;
			}
			record.remaining_bytes = 0;
			Self::deposit_event(Event::EntitlementEndedByRuling {
				entitlement,
				holder: record.holder.clone(),
				refunded,
				released: release.to_payee.saturating_add(release.margin),
			});
			Entitlements::<T>::insert(entitlement, record);
			Ok((refunded, release))
		})
	}
}
