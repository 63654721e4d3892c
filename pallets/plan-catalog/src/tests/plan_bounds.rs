//! The plan bounds in force (the council's parameter) apply at every listing and sale, also to
//! plans listed before they changed.

use super::*;
use crate::{Error, PlanBounds};
use frame_support::assert_noop;

#[test]
fn tightened_bounds_apply_to_plans_listed_before() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		let id = purchase(ALICE, plan);
		TestParameters::put(ProtocolParameter::PlanBounds(PlanBounds {
			min_price: 2 * DOLLAR,
			max_validity: 50u64,
		}));

		// The plan still lists at one dollar for 100 blocks: no longer sold or topped up.
		assert_noop!(
			PlanCatalog::purchase(RuntimeOrigin::signed(BOB), plan),
			Error::<Test>::PriceBelowMinimum
		);
		assert_noop!(
			PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::PriceBelowMinimum
		);
		let mut long = terms(2, 2);
		long.validity = 51;
		assert_noop!(
			PlanCatalog::create_plan(RuntimeOrigin::signed(TELCO), long),
			Error::<Test>::ValidityTooLong
		);
	});
}
