//! `set_service_deadline`: the council sets how long an operator has to release a code.

use super::*;
use crate::{Error, Event, ServiceDeadline};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn the_council_sets_the_deadline_of_new_orders() {
	new_test_ext().execute_with(|| {
		let before = request(ENTITLEMENT);
		assert_ok!(EsimProvisioning::set_service_deadline(RuntimeOrigin::root(), 50));
		assert_eq!(last_event(), Event::ServiceDeadlineSet { blocks: 50 });
		assert_eq!(ServiceDeadline::<Test>::get(), 50);
		let after = request(OTHER_ENTITLEMENT);
		assert_eq!(order(before).serve_by, 1 + DEADLINE, "orders keep their deadline");
		assert_eq!(order(after).serve_by, 1 + 50);
	});
}

#[test]
fn the_deadline_is_bounded_and_the_councils() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			EsimProvisioning::set_service_deadline(RuntimeOrigin::signed(SUBSCRIBER), 50),
			DispatchError::BadOrigin
		);
		assert_noop!(
			EsimProvisioning::set_service_deadline(RuntimeOrigin::root(), 0),
			Error::<Test>::InvalidServiceDeadline
		);
		assert_noop!(
			EsimProvisioning::set_service_deadline(RuntimeOrigin::root(), 1_001),
			Error::<Test>::InvalidServiceDeadline
		);
		assert_ok!(EsimProvisioning::set_service_deadline(RuntimeOrigin::root(), 1_000));
	});
}
