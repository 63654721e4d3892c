//! An operator's self-declared details: checking them, changing them, and the PLMN claims
//! that keep each network to one operator.

use crate::*;
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

	/// Replaces the profile of `telco`. A pending applicant's takes effect at once, moving its
	/// PLMN claims along; an admitted operator's coverage and services do, while a different
	/// legal name or PLMN list waits for the council as its profile change.
	pub(crate) fn do_update(telco: T::AccountId, profile: Profile<T>) -> DispatchResult {
		let mut record = Telcos::<T>::get(&telco).ok_or(Error::<T>::UnknownTelco)?;
		Self::ensure_plmns_free(&telco, &profile.plmns)?;

		let Profile { legal_name, plmns, coverage, services } = profile;
		record.coverage = coverage;
		record.services = services;
		let for_review = if record.status == TelcoStatus::Pending {
			Self::release_plmns_except(&telco, &record.plmns, &[&plmns]);
			Self::claim_plmns(&telco, &plmns);
			record.legal_name = legal_name;
			record.plmns = plmns;
			None
		} else {
			Some((legal_name, plmns))
		};
		Telcos::<T>::insert(&telco, &record);
		Self::deposit_event(Event::Updated { telco: telco.clone() });
		if let Some((legal_name, plmns)) = for_review {
			Self::propose_profile_change(&telco, &record, legal_name, plmns);
		}
		Ok(())
	}

	/// Makes `legal_name` and `plmns` the pending profile change of admitted `telco`, replacing
	/// any earlier one and freeing the PLMNs only that one claimed. Asking for the current
	/// legal name and PLMNs leaves no change pending.
	fn propose_profile_change(
		telco: &T::AccountId,
		record: &Telco<T>,
		legal_name: LegalNameOf<T>,
		plmns: PlmnsOf<T>,
	) {
		let superseded = ProfileChanges::<T>::take(telco);
		if let Some(earlier) = &superseded {
			Self::release_plmns_except(telco, &earlier.plmns, &[&record.plmns, &plmns]);
		}
		if legal_name == record.legal_name && plmns == record.plmns {
			if superseded.is_some() {
				Self::deposit_event(Event::ProfileChangeWithdrawn { telco: telco.clone() });
			}
			return;
		}
		Self::claim_plmns(telco, &plmns);
		let proposed_at = frame_system::Pallet::<T>::block_number();
		ProfileChanges::<T>::insert(telco, ProfileChange { legal_name, plmns, proposed_at });
		Self::deposit_event(Event::ProfileChangeProposed { telco: telco.clone() });
	}

	/// Makes the pending profile change of `telco` its profile, if it is the one the council
	/// names; PLMNs the operator no longer lists are released.
	pub(crate) fn do_approve_profile_change(
		telco: T::AccountId,
		legal_name: LegalNameOf<T>,
		plmns: PlmnsOf<T>,
	) -> DispatchResult {
		let mut record = Telcos::<T>::get(&telco).ok_or(Error::<T>::UnknownTelco)?;
		let change = ProfileChanges::<T>::get(&telco).ok_or(Error::<T>::NoProfileChange)?;
		ensure!(
			change.legal_name == legal_name && change.plmns == plmns,
			Error::<T>::ProfileChangeMismatch
		);

		Self::release_plmns_except(&telco, &record.plmns, &[&change.plmns]);
		record.legal_name = change.legal_name;
		record.plmns = change.plmns;
		Telcos::<T>::insert(&telco, record);
		ProfileChanges::<T>::remove(&telco);
		Self::deposit_event(Event::ProfileChangeApproved { telco });
		Ok(())
	}

	/// Drops the pending profile change of `telco`, freeing the PLMNs only it claimed.
	pub(crate) fn do_reject_profile_change(telco: T::AccountId) -> DispatchResult {
		let record = Telcos::<T>::get(&telco).ok_or(Error::<T>::UnknownTelco)?;
		let change = ProfileChanges::<T>::get(&telco).ok_or(Error::<T>::NoProfileChange)?;

		Self::release_plmns_except(&telco, &change.plmns, &[&record.plmns]);
		ProfileChanges::<T>::remove(&telco);
		Self::deposit_event(Event::ProfileChangeRejected { telco });
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
		Self::release_plmns_except(telco, plmns, &[]);
	}

	/// Frees those of `plmns` that `telco` claims and none of `kept` lists.
	pub(crate) fn release_plmns_except(telco: &T::AccountId, plmns: &[Plmn], kept: &[&PlmnsOf<T>]) {
		for plmn in plmns.iter().filter(|plmn| !kept.iter().any(|list| list.contains(plmn))) {
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
