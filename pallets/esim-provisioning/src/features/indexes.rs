//! The pallet's indexes agree with its orders (the runtime's `try_state` and the tests).

use crate::*;
use alloc::collections::btree_set::BTreeSet;
use gesim_primitives::OrderId;

impl<T: Config> Pallet<T> {
	/// Every order is listed by its entitlement exactly once; an entitlement has at most one
	/// open order, its last; `OpenOrders` lists exactly the open orders, under their operator;
	/// a profile serving an entitlement is an installed or enabled order of it.
	pub fn do_check_indexes() -> Result<(), &'static str> {
		let mut listed = BTreeSet::<OrderId>::new();
		for (entitlement, provisioning) in Provisioning::<T>::iter() {
			for (at, id) in provisioning.orders.iter().enumerate() {
				let order = Orders::<T>::get(id).ok_or("a listed order does not exist")?;
				if order.entitlement != entitlement {
					return Err("an order is listed under another entitlement");
				}
				if !listed.insert(*id) {
					return Err("an order is listed twice");
				}
				if order.status.is_open() && at + 1 != provisioning.orders.len() {
					return Err("an open order is not its entitlement's last");
				}
			}
			if let Some(profile) = provisioning.profile {
				let order = Orders::<T>::get(profile).ok_or("a serving profile's order is gone")?;
				if order.entitlement != entitlement || !order.status.has_live_profile() {
					return Err("a serving profile is not a live profile of the entitlement");
				}
			}
		}
		for (id, order) in Orders::<T>::iter() {
			if !listed.contains(&id) {
				return Err("an order is not listed by its entitlement");
			}
			if order.status.is_open() != OpenOrders::<T>::contains_key(&order.telco, id) {
				return Err("OpenOrders and the orders' status disagree");
			}
		}
		if OpenOrders::<T>::iter_keys().any(|(_, id)| !Orders::<T>::contains_key(id)) {
			return Err("OpenOrders lists an order that does not exist");
		}
		Ok(())
	}
}
