//! `TelcoObligations`: an operator with plans on sale or entitlements not closed cannot retire.

use super::*;
use frame_support::assert_ok;
use gesim_primitives::TelcoObligations;

fn obligated(telco: AccountId) -> bool {
	<PlanCatalog as TelcoObligations<_>>::has_open_obligations(&telco)
}

#[test]
fn plans_on_sale_and_open_entitlements_are_obligations() {
	new_test_ext().execute_with(|| {
		assert!(!obligated(TELCO));
		let plan = create_plan(TELCO, terms(1, 10));
		assert!(obligated(TELCO));
		assert!(!obligated(TELCO_B));

		let id = purchase(ALICE, plan);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), plan));
		// No plan on sale, but a subscriber still holds an entitlement.
		assert!(obligated(TELCO));

		run_to_block(101 + GRACE + 1);
		// Expired and refunded, but not closed yet.
		assert!(obligated(TELCO));
		assert_ok!(PlanCatalog::close_entitlement(RuntimeOrigin::signed(BOB), id));
		assert!(!obligated(TELCO));
	});
}
