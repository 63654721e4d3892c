//! A plan switch carries the installed profile to the new entitlement.

use crate::*;
use frame_support::weights::Weight;
use gesim_primitives::{EntitlementId, OnPlanSwitch};

impl<T: Config> OnPlanSwitch for Pallet<T> {
	/// The order whose profile served `from` moves to `to`: the eSIM on the device keeps
	/// working, and its later receipts (enabled, deleted) are about `to`. `from` ended with the
	/// switch, so it needs no profile any more; it still counts as served.
	fn switched(from: EntitlementId, to: EntitlementId) {
		let mut old = Provisioning::<T>::get(from);
		let Some(order) = old.profile.take() else { return };
		let Some(mut record) = Orders::<T>::get(order) else { return };
		let mut new = Provisioning::<T>::get(to);
		// A fresh entitlement has no orders, so there is room; if not, the profile stays put.
		if new.orders.try_push(order).is_err() {
			return;
		}
		old.orders.retain(|id| *id != order);
		new.profile = Some(order);
		new.served = true;
		record.entitlement = to;
		Orders::<T>::insert(order, record);
		Provisioning::<T>::insert(from, old);
		Provisioning::<T>::insert(to, new);
		Self::deposit_event(Event::ProfileCarriedOver { order, from, to });
	}

	fn weight() -> Weight {
		T::WeightInfo::carry_profile_over()
	}
}
