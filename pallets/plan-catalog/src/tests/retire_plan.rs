//! `retire_plan`: the operator stops selling a plan; entitlements already sold keep working.

use super::*;
use crate::{Error, Event, Plans, PlansByTelco};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::EntitlementLedger;
use sp_runtime::DispatchError;

#[test]
fn a_plan_nobody_holds_is_removed() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), plan));

		assert!(Plans::<Test>::get(plan).is_none());
		assert!(!PlansByTelco::<Test>::contains_key(TELCO));
		assert_eq!(last_catalog_event(), Some(Event::PlanRetired { plan, telco: TELCO }));
		assert_consistent();
	});
}

#[test]
fn a_held_plan_is_kept_retired_and_its_entitlements_keep_working() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		let other = create_plan(TELCO, terms(2, 2));
		let id = purchase(ALICE, plan);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), plan));

		let record = Plans::<Test>::get(plan).expect("kept while held");
		assert!(record.retired);
		assert_eq!(PlansByTelco::<Test>::get(TELCO).into_inner(), vec![other]);
		// Usage still counts, but the plan is no longer sold.
		assert_eq!(<PlanCatalog as EntitlementLedger<_, _>>::consume(id, 1_000), Ok(1_000));
		assert_noop!(
			PlanCatalog::purchase(RuntimeOrigin::signed(BOB), plan),
			Error::<Test>::PlanRetired
		);
		assert_consistent();
	});
}

#[test]
fn retiring_frees_room_in_the_telcos_list() {
	new_test_ext().execute_with(|| {
		let plans: Vec<_> = (0..4).map(|_| create_plan(TELCO, terms(1, 1))).collect();
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), plans[0]));
		create_plan(TELCO, terms(1, 1));
		assert_consistent();
	});
}

#[test]
fn retiring_an_unknown_plan_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), 3),
			Error::<Test>::UnknownPlan
		);
	});
}

#[test]
fn only_the_plans_telco_retires_it() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		assert_noop!(
			PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO_B), plan),
			Error::<Test>::NotPlanOwner
		);
		assert_noop!(
			PlanCatalog::retire_plan(RuntimeOrigin::signed(ALICE), plan),
			Error::<Test>::NotPlanOwner
		);
		assert_noop!(
			PlanCatalog::retire_plan(RuntimeOrigin::none(), plan),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn retiring_twice_is_refused() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		purchase(ALICE, plan);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), plan));
		assert_noop!(
			PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), plan),
			Error::<Test>::PlanRetired
		);
	});
}

#[test]
fn a_suspended_telco_can_still_retire_its_plans() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		set_telco_active(TELCO, false);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), plan));
	});
}
