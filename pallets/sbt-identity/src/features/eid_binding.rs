//! Binding the commitments to a subscriber's eUICC EIDs to its identity. The EID itself never
//! reaches the chain: the subscriber proves it knows the EID and salt behind the commitment.

use crate::*;
use frame_support::pallet_prelude::*;
use gesim_primitives::{
	EidCommitment, EidPossessionProof, EidPossessionVerifier, EidProofError, IdentityInspect,
};

impl<T: Config> Pallet<T> {
	/// Adds `commitment` to `subscriber`'s live identity, if `proof` shows `subscriber` knows
	/// its opening and no other live identity holds it.
	pub(crate) fn do_bind_eid_commitment(
		subscriber: T::AccountId,
		commitment: EidCommitment,
		proof: EidPossessionProof,
	) -> DispatchResult {
		let mut identity = Identities::<T>::get(&subscriber).ok_or(Error::<T>::NoIdentity)?;
		ensure!(identity.is_live(), Error::<T>::Revoked);
		ensure!(!identity.eid_commitments.contains(&commitment), Error::<T>::EidAlreadyBound);
		if let Some(holder) = EidHolders::<T>::get(commitment) {
			ensure!(
				!Self::holds_eid_commitment(&holder, &commitment),
				Error::<T>::EidHeldByAnother
			);
		}
		identity
			.eid_commitments
			.try_push(commitment)
			.map_err(|_| Error::<T>::TooManyEids)?;
		// Last: the proof is the expensive check.
		T::EidProofs::verify_eid_possession(&subscriber, &commitment, &proof).map_err(
			|e| match e {
				EidProofError::NoLiveKey => Error::<T>::NoEidKey,
				EidProofError::Rejected => Error::<T>::EidProofRejected,
			},
		)?;
		Identities::<T>::insert(&subscriber, identity);
		EidHolders::<T>::insert(commitment, &subscriber);
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
		EidHolders::<T>::remove(commitment);
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
