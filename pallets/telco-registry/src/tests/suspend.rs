//! `suspend`: the council bars an active operator.

use super::mock::*;
use crate::{Error, Event, TelcoStatus};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::TelcoInspect;
use sp_runtime::DispatchError;

#[test]
fn bars_an_active_operator() {
	new_test_ext().execute_with(|| {
		active_alice();

		assert_ok!(TelcoRegistry::suspend(RuntimeOrigin::root(), ALICE));

		assert_eq!(status(ALICE), Some(TelcoStatus::Suspended));
		assert!(!TelcoRegistry::is_active(&ALICE));
		assert_eq!(bond_held(ALICE), BOND, "the bond stays held");
		assert_eq!(last_event(), Event::Suspended { telco: ALICE }.into());
	});
}

#[test]
fn refuses_an_operator_that_is_not_active() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		assert_noop!(
			TelcoRegistry::suspend(RuntimeOrigin::root(), ALICE),
			Error::<Test>::NotActive
		);
		TelcoRegistry::approve(RuntimeOrigin::root(), ALICE).unwrap();
		TelcoRegistry::suspend(RuntimeOrigin::root(), ALICE).unwrap();
		assert_noop!(
			TelcoRegistry::suspend(RuntimeOrigin::root(), ALICE),
			Error::<Test>::NotActive
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TelcoRegistry::suspend(RuntimeOrigin::root(), BOB),
			Error::<Test>::UnknownTelco
		);
	});
}

#[test]
fn refuses_anyone_but_the_council() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::suspend(RuntimeOrigin::signed(BOB), ALICE),
			DispatchError::BadOrigin
		);
	});
}
