//! `cancel_order`: the subscriber withdraws an open order.

use super::*;
use crate::{CancelReason, Error, Event, OpenOrders};
use frame_support::{assert_noop, assert_ok};

#[test]
fn the_subscriber_withdraws_an_open_order_and_may_order_again() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		progress(id, [accepted(), code_released()]);
		System::set_block_number(6);

		assert_ok!(EsimProvisioning::cancel_order(RuntimeOrigin::signed(SUBSCRIBER), id));

		assert_eq!(
			last_event(),
			Event::OrderCancelled {
				order: id,
				entitlement: ENTITLEMENT,
				reason: CancelReason::BySubscriber
			}
		);
		let record = order(id);
		assert_eq!(
			(record.status, record.updated_at),
			(OrderStatus::Cancelled(CancelReason::BySubscriber), 6)
		);
		assert!(!OpenOrders::<Test>::contains_key(TELCO, id));
		request(ENTITLEMENT);
		assert_consistent();
	});
}

#[test]
fn only_the_subscriber_cancels_and_only_an_open_order() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			EsimProvisioning::cancel_order(RuntimeOrigin::signed(SUBSCRIBER), 9),
			Error::<Test>::UnknownOrder
		);
		let id = request(ENTITLEMENT);
		assert_noop!(
			EsimProvisioning::cancel_order(RuntimeOrigin::signed(TELCO), id),
			Error::<Test>::NotSubscriber
		);
		progress(id, [accepted(), code_released(), installed()]);
		assert_noop!(
			EsimProvisioning::cancel_order(RuntimeOrigin::signed(SUBSCRIBER), id),
			Error::<Test>::OrderNotOpen
		);
	});
}
