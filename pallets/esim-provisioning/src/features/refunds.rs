//! Refunds of entitlements never delivered, and removing the orders of closed ones.

use crate::*;
use frame_support::ensure;
use gesim_primitives::{EntitlementId, EntitlementLedger, OrderId};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Revokes the entitlement of `order` with a full refund, if the order failed (only its
	/// subscriber decides between a refund and a retry) or was not served by its deadline
	/// (anyone may end it), and no profile ever served the entitlement.
	pub(crate) fn do_refund_unserved(caller: T::AccountId, order: OrderId) -> DispatchResult {
		let mut record = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
		let entitlement = record.entitlement;
		let mut provisioning = Provisioning::<T>::get(entitlement);
		ensure!(!provisioning.refunded, Error::<T>::AlreadyRefunded);
		ensure!(provisioning.orders.last() == Some(&order), Error::<T>::NotLatestOrder);
		ensure!(!provisioning.served, Error::<T>::EntitlementWasServed);
		let now = frame_system::Pallet::<T>::block_number();
		match record.status {
			OrderStatus::Failed(_) => {
				ensure!(caller == record.subscriber, Error::<T>::NotSubscriber)
			},
			OrderStatus::Requested | OrderStatus::Accepted => {
				ensure!(now > record.serve_by, Error::<T>::NotRefundable);
				Self::close_order(
					order,
					&mut record,
					OrderStatus::Cancelled(CancelReason::Unserved),
				);
				Self::deposit_event(Event::OrderCancelled {
					order,
					entitlement,
					reason: CancelReason::Unserved,
				});
				Orders::<T>::insert(order, &record);
			},
			_ => return Err(Error::<T>::NotRefundable.into()),
		}
		let refunded = T::Entitlements::revoke_unserved(entitlement)?;
		provisioning.refunded = true;
		Provisioning::<T>::insert(entitlement, provisioning);
		Self::deposit_event(Event::EntitlementRefunded { entitlement, order, refunded });
		Ok(())
	}

	/// Removes the orders of `entitlement`, which must be closed; returns how many.
	pub(crate) fn do_prune_orders(entitlement: EntitlementId) -> Result<u32, DispatchError> {
		ensure!(
			T::Entitlements::entitlement(entitlement).is_none(),
			Error::<T>::EntitlementStillOpen
		);
		let provisioning = Provisioning::<T>::take(entitlement);
		ensure!(!provisioning.orders.is_empty(), Error::<T>::NothingToPrune);
		for order in &provisioning.orders {
			if let Some(record) = Orders::<T>::take(order) {
				OpenOrders::<T>::remove(&record.telco, order);
			}
		}
		let orders = provisioning.orders.len() as u32;
		Self::deposit_event(Event::OrdersPruned { entitlement, orders });
		Ok(orders)
	}
}
