//! The service deadline is the council's parameter in force when an order is made.

use super::*;
use gesim_primitives::ProtocolParameter;

#[test]
fn new_orders_take_the_deadline_in_force_and_old_ones_keep_theirs() {
	new_test_ext().execute_with(|| {
		let before = request(ENTITLEMENT);
		TestParameters::put(ProtocolParameter::<u64>::ServiceDeadline(50));
		let after = request(OTHER_ENTITLEMENT);
		assert_eq!(order(before).serve_by, 1 + DEADLINE, "orders keep their deadline");
		assert_eq!(order(after).serve_by, 1 + 50);
	});
}
