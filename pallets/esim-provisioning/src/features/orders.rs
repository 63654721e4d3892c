//! Ordering a profile, and withdrawing an order.

use crate::*;
use frame_support::ensure;
use gesim_primitives::{
	EntitlementId, EntitlementLedger, IdentityInspect, OrderId, ProtocolParameters,
};
use sp_runtime::{traits::Saturating, DispatchResult};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_request_profile(
		subscriber: T::AccountId,
		entitlement: EntitlementId,
		device_key: DeviceKey,
		eid: Option<EidBinding>,
		new_profile: bool,
	) -> DispatchResult {
		let view =
			T::Entitlements::entitlement(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
		ensure!(view.holder == subscriber, Error::<T>::NotHolder);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now <= view.expires_at, Error::<T>::EntitlementExpired);
		ensure!(
			DeviceKeys::<T>::get(&subscriber).contains(&device_key),
			Error::<T>::UnknownDeviceKey
		);
		if let Some(binding) = &eid {
			ensure!(
				T::Identity::holds_eid_commitment(&subscriber, &binding.commitment),
				Error::<T>::EidNotBound
			);
			ensure!(
				binding.sealed_opening.len() as u32 >= MIN_SEALED_LEN,
				Error::<T>::MalformedSealedEid
			);
		}

		let mut provisioning = Provisioning::<T>::get(entitlement);
		ensure!(!provisioning.refunded, Error::<T>::AlreadyRefunded);
		if let Some(last) = provisioning.orders.last() {
			let open = Orders::<T>::get(last).is_some_and(|order| order.status.is_open());
			ensure!(!open, Error::<T>::OrderAlreadyOpen);
		}
		ensure!(new_profile || provisioning.profile.is_none(), Error::<T>::ProfileAlreadyInstalled);

		let order = NextOrderId::<T>::get();
		let next = order.checked_add(1).ok_or(Error::<T>::NoOrderIdLeft)?;
		provisioning.orders.try_push(order).map_err(|_| Error::<T>::TooManyOrders)?;
		let serve_by = now.saturating_add(T::Parameters::service_deadline());

		Orders::<T>::insert(
			order,
			ProvisioningOrder {
				entitlement,
				subscriber: subscriber.clone(),
				telco: view.telco.clone(),
				device_key,
				eid,
				requested_at: now,
				serve_by,
				status: OrderStatus::Requested,
				updated_at: now,
				iccid_commitment: None,
				smdp_address: None,
				sealed_code: None,
				install_result_hash: None,
			},
		);
		Provisioning::<T>::insert(entitlement, provisioning);
		OpenOrders::<T>::insert(&view.telco, order, ());
		NextOrderId::<T>::put(next);
		Self::deposit_event(Event::ProfileRequested {
			order,
			entitlement,
			subscriber,
			telco: view.telco,
			serve_by,
		});
		Ok(())
	}

	pub(crate) fn do_cancel_order(subscriber: T::AccountId, order: OrderId) -> DispatchResult {
		let mut record = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(record.subscriber == subscriber, Error::<T>::NotSubscriber);
		ensure!(record.status.is_open(), Error::<T>::OrderNotOpen);
		// A subscriber who withdraws after the code was released holds a working code: the
		// operator delivered, whatever the device does with it next.
		if record.status.is_served() {
			Provisioning::<T>::mutate(record.entitlement, |provisioning| {
				provisioning.served = true
			});
		}
		Self::close_order(order, &mut record, OrderStatus::Cancelled(CancelReason::BySubscriber));
		Self::deposit_event(Event::OrderCancelled {
			order,
			entitlement: record.entitlement,
			reason: CancelReason::BySubscriber,
		});
		Orders::<T>::insert(order, record);
		Ok(())
	}

	/// Moves an open order to a final `status`; its operator has nothing more to do for it.
	pub(crate) fn close_order(order: OrderId, record: &mut OrderOf<T>, status: OrderStatus) {
		OpenOrders::<T>::remove(&record.telco, order);
		record.status = status;
		record.updated_at = frame_system::Pallet::<T>::block_number();
	}
}
