//! Queries for clients, behind the runtime API.

use crate::*;
use alloc::vec::Vec;
use gesim_primitives::{EntitlementId, OrderId};

impl<T: Config> Pallet<T> {
	/// Order `id`, if it exists.
	pub fn order(id: OrderId) -> Option<OrderViewOf<T>> {
		Orders::<T>::get(id).map(|order| OrderView { id, order })
	}

	/// The orders of `entitlement`, oldest first (at most `MaxOrdersPerEntitlement`).
	pub fn orders_of_entitlement(entitlement: EntitlementId) -> Vec<OrderViewOf<T>> {
		Provisioning::<T>::get(entitlement)
			.orders
			.iter()
			.filter_map(|id| Self::order(*id))
			.collect()
	}

	/// Up to `limit` open orders of `telco`: what its gateway has to act on, a page at a time.
	/// Pages follow storage order; the next page starts `after` the last order of this one.
	pub fn open_orders(
		telco: T::AccountId,
		after: Option<OrderId>,
		limit: u32,
	) -> Vec<OrderViewOf<T>> {
		let page = match after {
			Some(after) => OpenOrders::<T>::iter_key_prefix_from(
				&telco,
				OpenOrders::<T>::hashed_key_for(&telco, after),
			),
			None => OpenOrders::<T>::iter_key_prefix(&telco),
		};
		page.take(limit as usize).filter_map(Self::order).collect()
	}

	/// The device keys `who` registered.
	pub fn device_keys_of(who: T::AccountId) -> Vec<DeviceKey> {
		DeviceKeys::<T>::get(who).into_inner()
	}
}
