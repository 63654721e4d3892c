//! Consistency of the catalog's indexes, for `try_state` and the tests.

use crate::*;
use frame_support::ensure;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Checks that the indexes agree with the records:
	///
	/// - every entitlement is listed once under its holder, and every listed one exists;
	/// - its plan exists and counts it; a plan's count matches its entitlements;
	/// - each operator's open count matches its entitlements;
	/// - `PlansByTelco` lists exactly the plans that are not retired, under their operator.
	pub fn do_check_indexes() -> Result<(), DispatchError> {
		use alloc::collections::btree_map::BTreeMap;

		let mut per_plan: BTreeMap<gesim_primitives::PlanId, u32> = BTreeMap::new();
		let mut per_telco: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut entitlements = 0usize;
		for (id, entitlement) in Entitlements::<T>::iter() {
			entitlements = entitlements.saturating_add(1);
			ensure!(
				EntitlementsOf::<T>::get(&entitlement.holder)
					.iter()
					.filter(|e| **e == id)
					.count() == 1,
				"an entitlement is not listed once under its holder"
			);
			ensure!(Plans::<T>::contains_key(entitlement.plan), "an entitlement's plan is gone");
			let count = per_plan.entry(entitlement.plan).or_default();
			*count = count.saturating_add(1);
			let count = per_telco.entry(entitlement.telco.clone()).or_default();
			*count = count.saturating_add(1);
		}
		let listed: usize = EntitlementsOf::<T>::iter_values().map(|held| held.len()).sum();
		ensure!(listed == entitlements, "an account lists an entitlement that does not exist");

		let mut not_retired = 0usize;
		for (id, plan) in Plans::<T>::iter() {
			ensure!(
				per_plan.get(&id).copied().unwrap_or(0) == plan.live_entitlements,
				"a plan's entitlement count is wrong"
			);
			ensure!(
				plan.retired || PlansByTelco::<T>::get(&plan.telco).contains(&id),
				"a plan on sale is missing from its operator's list"
			);
			ensure!(
				!plan.retired || plan.live_entitlements > 0,
				"a retired plan nobody holds is kept"
			);
			if !plan.retired {
				not_retired = not_retired.saturating_add(1);
			}
		}
		let on_sale: usize = PlansByTelco::<T>::iter_values().map(|plans| plans.len()).sum();
		ensure!(on_sale == not_retired, "an operator lists a plan that is retired or gone");

		for (telco, open) in OpenEntitlements::<T>::iter() {
			ensure!(
				per_telco.remove(&telco) == Some(open),
				"an operator's open entitlement count is wrong"
			);
		}
		ensure!(per_telco.is_empty(), "an operator's open entitlements are not counted");
		Ok(())
	}
}
