//! An operator's self-declared details: checking them, changing them, and the PLMN claims
//! that keep each network to one operator.

use crate::*;
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use gesim_primitives::Plmn;

impl<T: Config> Pallet<T> {
	/// Refuses an empty name, no PLMN or no service, and anything listed twice; sorts the
	/// services so equal sets are stored equally. PLMN and coverage order is the operator's
	/// (its home network first).
	pub(crate) fn checked_profile(
		legal_name: LegalNameOf<T>,
		plmns: PlmnsOf<T>,
		coverage: CoverageOf<T>,
		mut services: Services,
	) -> Result<Profile<T>, DispatchError> {
		ensure!(!legal_name.is_empty(), Error::<T>::EmptyLegalName);
		ensure!(!plmns.is_empty(), Error::<T>::NoPlmn);
		ensure!(!has_duplicates(&plmns), Error::<T>::DuplicatePlmn);
		ensure!(!has_duplicates(&coverage), Error::<T>::DuplicateCoverageCell);
		ensure!(!services.is_empty(), Error::<T>::NoService);
		services.sort();
		ensure!(!services.windows(2).any(|w| w[0] == w[1]), Error::<T>::DuplicateService);
		Ok(Profile { legal_name, plmns, coverage, services })
	}

	/// Replaces the profile of a registered operator, moving its PLMN claims along.
	pub(crate) fn do_update(telco: T::AccountId, profile: Profile<T>) -> DispatchResult {
		let mut record = Telcos::<T>::get(&telco).ok_or(Error::<T>::UnknownTelco)?;
		Self::ensure_plmns_free(&telco, &profile.plmns)?;

		let dropped: Vec<Plmn> =
			record.plmns.iter().filter(|p| !profile.plmns.contains(p)).copied().collect();
		Self::release_plmns(&telco, &dropped);
		Self::claim_plmns(&telco, &profile.plmns);

		record.legal_name = profile.legal_name;
		record.plmns = profile.plmns;
		record.coverage = profile.coverage;
		record.services = profile.services;
		Telcos::<T>::insert(&telco, record);
		Self::deposit_event(Event::Updated { telco });
		Ok(())
	}

	/// Fails with `PlmnTaken` if another operator claims any of `plmns`.
	pub(crate) fn ensure_plmns_free(telco: &T::AccountId, plmns: &[Plmn]) -> DispatchResult {
		for plmn in plmns {
			if let Some(owner) = PlmnOwner::<T>::get(plmn) {
				ensure!(&owner == telco, Error::<T>::PlmnTaken);
			}
		}
		Ok(())
	}

	/// Records `telco` as the operator of each of `plmns`; checked by `ensure_plmns_free`.
	pub(crate) fn claim_plmns(telco: &T::AccountId, plmns: &[Plmn]) {
		for plmn in plmns {
			PlmnOwner::<T>::insert(plmn, telco);
		}
	}

	/// Frees those of `plmns` that `telco` claims.
	pub(crate) fn release_plmns(telco: &T::AccountId, plmns: &[Plmn]) {
		for plmn in plmns {
			PlmnOwner::<T>::mutate_exists(plmn, |owner| {
				if owner.as_ref() == Some(telco) {
					*owner = None;
				}
			});
		}
	}
}

/// Whether any value occurs twice in `items`.
fn has_duplicates<X: Ord + Clone>(items: &[X]) -> bool {
	let mut sorted = items.to_vec();
	sorted.sort();
	sorted.windows(2).any(|w| w[0] == w[1])
}
