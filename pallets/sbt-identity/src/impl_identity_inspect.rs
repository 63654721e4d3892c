//! Identities as other pallets see them.

use crate::*;
use gesim_primitives::{EidCommitment, IdentityInspect};

impl<T: Config> IdentityInspect<T::AccountId> for Pallet<T> {
	fn verified_issuer(who: &T::AccountId) -> Option<T::AccountId> {
		Identities::<T>::get(who)
			.filter(SoulboundIdentity::is_live)
			.map(|identity| identity.issuer)
	}

	fn holds_eid_commitment(who: &T::AccountId, commitment: &EidCommitment) -> bool {
		Identities::<T>::get(who).is_some_and(|identity| {
			identity.is_live() && identity.eid_commitments.contains(commitment)
		})
	}
}
