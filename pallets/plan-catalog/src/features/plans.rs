//! Listing and retiring plans.

use crate::*;
use frame_support::ensure;
use gesim_primitives::{PlanId, ProtocolParameters, TelcoInspect};
use sp_runtime::{traits::Zero, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Lists `terms` as a new plan of `telco`.
	pub(crate) fn do_create_plan(telco: T::AccountId, terms: PlanTerms<T>) -> DispatchResult {
		ensure!(T::Telcos::is_active(&telco), Error::<T>::NotActiveTelco);
		Self::check_terms(&terms)?;
		let plan = NextPlanId::<T>::get();
		let next = plan.checked_add(1).ok_or(Error::<T>::NoPlanIdLeft)?;
		PlansByTelco::<T>::try_mutate(&telco, |listed| listed.try_push(plan))
			.map_err(|_| Error::<T>::TooManyPlans)?;

		let (price, quota_bytes, validity) = (terms.price, terms.quota_bytes, terms.validity);
		Plans::<T>::insert(
			plan,
			Plan { telco: telco.clone(), terms, retired: false, live_entitlements: 0 },
		);
		NextPlanId::<T>::put(next);
		Self::deposit_event(Event::PlanCreated { plan, telco, price, quota_bytes, validity });
		Ok(())
	}

	/// Retires `plan` of `telco`. A plan nobody holds an entitlement to is removed at once;
	/// otherwise when its last entitlement is closed.
	pub(crate) fn do_retire_plan(telco: T::AccountId, plan: PlanId) -> DispatchResult {
		let mut record = Plans::<T>::get(plan).ok_or(Error::<T>::UnknownPlan)?;
		ensure!(record.telco == telco, Error::<T>::NotPlanOwner);
		ensure!(!record.retired, Error::<T>::PlanRetired);

		PlansByTelco::<T>::mutate_exists(&telco, |maybe_listed| {
			if let Some(listed) = maybe_listed {
				listed.retain(|listed_plan| *listed_plan != plan);
				if listed.is_empty() {
					*maybe_listed = None;
				}
			}
		});
		if record.live_entitlements == 0 {
			Plans::<T>::remove(plan);
		} else {
			record.retired = true;
			Plans::<T>::insert(plan, record);
		}
		Self::deposit_event(Event::PlanRetired { plan, telco });
		Ok(())
	}

	/// Refuses a price or validity outside the council's bounds: checked at listing and again
	/// at every sale, so that tightened bounds apply to plans listed before.
	pub(crate) fn ensure_within_bounds(terms: &PlanTerms<T>) -> DispatchResult {
		let bounds = T::Parameters::plan_bounds();
		ensure!(terms.price >= bounds.min_price, Error::<T>::PriceBelowMinimum);
		ensure!(terms.validity <= bounds.max_validity, Error::<T>::ValidityTooLong);
		Ok(())
	}

	/// Refuses terms no subscriber could use, outside the bounds, or that name a place or
	/// partner twice.
	fn check_terms(terms: &PlanTerms<T>) -> DispatchResult {
		ensure!(terms.quota_bytes > 0, Error::<T>::ZeroQuota);
		ensure!(!terms.validity.is_zero(), Error::<T>::ZeroValidity);
		ensure!(terms.price > 0, Error::<T>::ZeroPrice);
		Self::ensure_within_bounds(terms)?;
		ensure!(!terms.region.is_empty(), Error::<T>::EmptyRegion);
		ensure!(
			!has_duplicates(&terms.region.cells) && !has_duplicates(&terms.region.networks),
			Error::<T>::DuplicateRegionEntry
		);
		ensure!(!has_duplicates(&terms.roaming_partners), Error::<T>::DuplicateRoamingPartner);
		Ok(())
	}
}

/// Whether `items` lists something twice. Quadratic, over lists bounded by the config.
fn has_duplicates<I: PartialEq>(items: &[I]) -> bool {
	items.iter().enumerate().any(|(i, item)| items[i + 1..].contains(item))
}
