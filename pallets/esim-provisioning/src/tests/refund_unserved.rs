//! `refund_unserved`: an entitlement whose eSIM was never delivered is revoked and refunded in
//! full.

use super::*;
use crate::{CancelReason, Error, Event, OpenOrders, Provisioning};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};

fn refund(caller: AccountId, order: gesim_primitives::OrderId) -> sp_runtime::DispatchResult {
	EsimProvisioning::refund_unserved(RuntimeOrigin::signed(caller), order)
		.map(|_| ())
		.map_err(|e| e.error)
}

#[test]
fn an_order_unserved_past_its_deadline_is_refunded_by_anyone() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		assert_ok!(submit(id, accepted()));
		System::set_block_number(1 + DEADLINE);
		assert_noop!(refund(OTHER_SUBSCRIBER, id), Error::<Test>::NotRefundable);

		System::set_block_number(2 + DEADLINE);
		let paid =
			EsimProvisioning::refund_unserved(RuntimeOrigin::signed(OTHER_SUBSCRIBER), id).unwrap();
		assert_eq!(paid.pays_fee, Pays::No);

		assert_eq!(world(|w| w.refunded.get(&SUBSCRIBER).copied()), Some(PRICE));
		assert_eq!(order(id).status, OrderStatus::Cancelled(CancelReason::Unserved));
		assert!(!OpenOrders::<Test>::contains_key(TELCO, id));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::EsimProvisioning(Event::OrderCancelled {
				order: id,
				entitlement: ENTITLEMENT,
				reason: CancelReason::Unserved
			})));
		assert_eq!(
			last_event(),
			Event::EntitlementRefunded { entitlement: ENTITLEMENT, order: id, refunded: PRICE }
		);
		assert!(Provisioning::<Test>::get(ENTITLEMENT).refunded);
		assert_noop!(refund(SUBSCRIBER, id), Error::<Test>::AlreadyRefunded);
		assert_consistent();
	});
}

#[test]
fn after_a_failure_the_subscriber_chooses_the_refund() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		assert_ok!(submit(id, no_profile_available()));
		// Nobody else may take the retry away from the subscriber.
		assert_noop!(refund(OTHER_SUBSCRIBER, id), Error::<Test>::NotSubscriber);
		assert_ok!(refund(SUBSCRIBER, id));
		assert_eq!(world(|w| w.refunded.get(&SUBSCRIBER).copied()), Some(PRICE));
		assert!(matches!(order(id).status, OrderStatus::Failed(_)));
	});
}

#[test]
fn an_order_the_operator_served_is_not_refunded() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		progress(id, [accepted(), code_released()]);
		System::set_block_number(2 + DEADLINE);
		// The code is on chain: the operator delivered, late or not.
		assert_noop!(refund(SUBSCRIBER, id), Error::<Test>::NotRefundable);
		// Withdrawn with the code in hand, it still counts as delivered.
		assert_ok!(EsimProvisioning::cancel_order(RuntimeOrigin::signed(SUBSCRIBER), id));
		assert_noop!(refund(SUBSCRIBER, id), Error::<Test>::EntitlementWasServed);
	});
}

#[test]
fn an_entitlement_a_profile_served_is_not_refunded() {
	new_test_ext().execute_with(|| {
		installed_order();
		// The subscriber asks for a second profile that never comes.
		assert_ok!(EsimProvisioning::request_profile(
			RuntimeOrigin::signed(SUBSCRIBER),
			ENTITLEMENT,
			DEVICE_KEY,
			None,
			true
		));
		let second = crate::NextOrderId::<Test>::get() - 1;
		System::set_block_number(2 + DEADLINE);
		assert_noop!(refund(SUBSCRIBER, second), Error::<Test>::EntitlementWasServed);
	});
}

#[test]
fn a_code_the_subscriber_walked_away_from_counts_as_served() {
	new_test_ext().execute_with(|| {
		// The subscriber holds a working activation code, withdraws the order before any
		// installation notification, and orders again.
		let first = request(ENTITLEMENT);
		progress(first, [accepted(), code_released()]);
		assert_ok!(EsimProvisioning::cancel_order(RuntimeOrigin::signed(SUBSCRIBER), first));

		// The second order fails: the subscriber may retry, but the entitlement was delivered
		// once and is not refunded as undelivered.
		let second = request(ENTITLEMENT);
		assert_ok!(submit(second, no_profile_available()));
		assert_noop!(refund(SUBSCRIBER, second), Error::<Test>::EntitlementWasServed);
		assert_eq!(world(|w| w.refunded.get(&SUBSCRIBER).copied()), None);
		assert!(Provisioning::<Test>::get(ENTITLEMENT).served);
	});
}

#[test]
fn an_order_withdrawn_before_its_code_leaves_the_refund_open() {
	new_test_ext().execute_with(|| {
		let first = request(ENTITLEMENT);
		assert_ok!(submit(first, accepted()));
		assert_ok!(EsimProvisioning::cancel_order(RuntimeOrigin::signed(SUBSCRIBER), first));
		assert!(!Provisioning::<Test>::get(ENTITLEMENT).served);

		let second = request(ENTITLEMENT);
		assert_ok!(submit(second, no_profile_available()));
		assert_ok!(refund(SUBSCRIBER, second));
		assert_eq!(world(|w| w.refunded.get(&SUBSCRIBER).copied()), Some(PRICE));
	});
}

#[test]
fn only_the_latest_order_counts() {
	new_test_ext().execute_with(|| {
		let first = request(ENTITLEMENT);
		assert_ok!(submit(first, no_profile_available()));
		request(ENTITLEMENT);
		assert_noop!(refund(SUBSCRIBER, first), Error::<Test>::NotLatestOrder);
		assert_noop!(refund(SUBSCRIBER, 77), Error::<Test>::UnknownOrder);
	});
}

#[test]
fn a_refund_escrow_refuses_changes_nothing() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		world(|w| w.frozen.insert(ENTITLEMENT));
		System::set_block_number(2 + DEADLINE);
		assert_noop!(refund(SUBSCRIBER, id), sp_runtime::DispatchError::Other("Frozen"));
		assert_eq!(order(id).status, OrderStatus::Requested);
	});
}
