//! `set_plan_bounds`: the council's lowest price and longest validity.

use super::*;
use crate::{Bounds, Error, Event, PlanBounds};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn the_council_sets_the_bounds_and_they_apply_to_plans_listed_before() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		let id = purchase(ALICE, plan);
		let bounds = PlanBounds { min_price: 2 * DOLLAR, max_validity: 50 };
		assert_ok!(PlanCatalog::set_plan_bounds(RuntimeOrigin::root(), bounds));
		assert_eq!(Bounds::<Test>::get(), bounds);
		assert_eq!(
			last_catalog_event(),
			Some(Event::PlanBoundsSet { min_price: 2 * DOLLAR, max_validity: 50 })
		);

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

#[test]
fn bounds_that_allow_no_plan_are_refused() {
	new_test_ext().execute_with(|| {
		for bounds in [
			PlanBounds { min_price: 0, max_validity: 50 },
			PlanBounds { min_price: DOLLAR, max_validity: 0 },
		] {
			assert_noop!(
				PlanCatalog::set_plan_bounds(RuntimeOrigin::root(), bounds),
				Error::<Test>::InvalidPlanBounds
			);
		}
	});
}

#[test]
fn only_the_council_sets_the_bounds() {
	new_test_ext().execute_with(|| {
		let bounds = PlanBounds { min_price: DOLLAR, max_validity: 50 };
		assert_noop!(
			PlanCatalog::set_plan_bounds(RuntimeOrigin::signed(TELCO), bounds),
			DispatchError::BadOrigin
		);
	});
}
