//! Ending an entitlement its operator never delivered, with everything paid for it refunded.

use crate::*;
use frame_support::storage::with_storage_layer;
use gesim_primitives::{EntitlementId, EscrowLedger, StablecoinAmount};
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
}
