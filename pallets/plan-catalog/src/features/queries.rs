//! Queries behind the runtime API; each runtime API method calls one of these.

use crate::*;
use alloc::vec::Vec;
use gesim_primitives::{EscrowLedger, PlanId, TelcoInspect};

impl<T: Config> Pallet<T> {
	/// The plans `telco` lists now.
	pub fn plans_by_telco(telco: T::AccountId) -> Vec<PlanView<T>> {
		PlansByTelco::<T>::get(&telco)
			.into_iter()
			.filter_map(|id| Plans::<T>::get(id).map(|plan| PlanView { id, plan }))
			.collect()
	}

	/// The plans on sale that cover `area`, best-rated operator first (operators nobody rated
	/// after every rated one), then cheapest, then oldest.
	///
	/// Reads every plan: listings are bounded by operators × `MaxPlansPerTelco`, and this runs
	/// off chain, in a runtime API call.
	pub fn plans_in_region(area: RegionQuery) -> Vec<PlanView<T>> {
		let mut found: Vec<PlanView<T>> = Plans::<T>::iter()
			.filter(|(_, plan)| {
				!plan.retired
					&& plan.terms.region.covers(&area)
					&& T::Telcos::is_active(&plan.telco)
			})
			.map(|(id, plan)| PlanView { id, plan })
			.collect();
		Self::order(&mut found);
		found
	}

	/// Sorts plans by their operator's score (highest first, unrated last), then price, then
	/// age. Each operator's score is read once.
	fn order(plans: &mut [PlanView<T>]) {
		use alloc::collections::btree_map::BTreeMap;
		use gesim_primitives::OperatorReputation;
		let mut scores: BTreeMap<T::AccountId, Option<u32>> = BTreeMap::new();
		for view in plans.iter() {
			scores
				.entry(view.plan.telco.clone())
				.or_insert_with(|| T::Reputation::operator_stars(&view.plan.telco));
		}
		plans.sort_by_key(|view| {
			let score = scores.get(&view.plan.telco).copied().flatten();
			(core::cmp::Reverse(score), view.plan.terms.price, view.id)
		});
	}

	/// The plans on sale that cover `area` among at most `scan` plans in storage order after
	/// plan `after` (from the start without it), ordered as [`Self::plans_in_region`] within
	/// the page, and the
	/// plan to continue after if any plan is left unread. Each call reads a bounded part of
	/// the state, whatever the number of plans: for RPC servers open to anyone.
	pub fn plans_in_region_page(
		area: RegionQuery,
		after: Option<PlanId>,
		scan: u32,
	) -> (Vec<PlanView<T>>, Option<PlanId>) {
		let mut plans = match after {
			Some(id) => Plans::<T>::iter_from(Plans::<T>::hashed_key_for(id)),
			None => Plans::<T>::iter(),
		};
		let mut found = Vec::new();
		let mut last = None;
		// At least one plan, so that following `next` always ends.
		for (id, plan) in plans.by_ref().take(scan.max(1) as usize) {
			last = Some(id);
			if !plan.retired && plan.terms.region.covers(&area) && T::Telcos::is_active(&plan.telco)
			{
				found.push(PlanView { id, plan });
			}
		}
		Self::order(&mut found);
		let next = if plans.next().is_some() { last } else { None };
		(found, next)
	}

	/// `who`'s entitlements, with what their escrow still holds.
	pub fn entitlements_of(who: T::AccountId) -> Vec<EntitlementDetailsOf<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		EntitlementsOf::<T>::get(&who)
			.into_iter()
			.filter_map(|id| {
				Entitlements::<T>::get(id).map(|entitlement| EntitlementDetails {
					id,
					held: T::Escrow::held(entitlement.intent).unwrap_or(0),
					expired: now > entitlement.expires_at,
					entitlement,
				})
			})
			.collect()
	}
}
