//! Binding the commitments to a subscriber's eUICC EIDs to its identity. The EID itself never
//! reaches the chain; possession is proved later against the commitment.

use crate::*;
use frame_support::pallet_prelude::*;
use gesim_primitives::EidCommitment;

impl<T: Config> Pallet<T> {
	/// Adds `commitment` to `subscriber`'s live identity.
	pub(crate) fn do_bind_eid_commitment(
		subscriber: T::AccountId,
		commitment: EidCommitment,
	) -> DispatchResult {
		Self::mutate_live_identity(&subscriber, |identity| {
			ensure!(!identity.eid_commitments.contains(&commitment), Error::<T>::EidAlreadyBound);
			identity.eid_commitments.try_push(commitment).map_err(|_| Error::<T>::TooManyEids)?;
			Ok(())
		})?;
		Self::deposit_event(Event::EidBound { subscriber, commitment });
		Ok(())
	}

	/// Removes `commitment` from `subscriber`'s live identity.
	pub(crate) fn do_unbind_eid_commitment(
		subscriber: T::AccountId,
		commitment: EidCommitment,
	) -> DispatchResult {
		Self::mutate_live_identity(&subscriber, |identity| {
			let position = identity
				.eid_commitments
				.iter()
				.position(|bound| bound == &commitment)
				.ok_or(Error::<T>::EidNotBound)?;
			identity.eid_commitments.remove(position);
			Ok(())
		})?;
		Self::deposit_event(Event::EidUnbound { subscriber, commitment });
		Ok(())
	}

	/// Applies `change` to `subscriber`'s identity if it has a live one.
	fn mutate_live_identity(
		subscriber: &T::AccountId,
		change: impl FnOnce(&mut SoulboundIdentity<T>) -> DispatchResult,
	) -> DispatchResult {
		Identities::<T>::try_mutate(subscriber, |maybe_identity| {
			let identity = maybe_identity.as_mut().ok_or(Error::<T>::NoIdentity)?;
			ensure!(identity.is_live(), Error::<T>::Revoked);
			change(identity)
		})
	}
}
