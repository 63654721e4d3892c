//! `reinstate`: the council lifts a suspension.

use super::mock::*;
use crate::{Error, Event, TelcoStatus};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::TelcoInspect;
use sp_runtime::DispatchError;

#[test]
fn lifts_a_suspension() {
	new_test_ext().execute_with(|| {
		suspended_alice();

		assert_ok!(TelcoRegistry::reinstate(RuntimeOrigin::root(), ALICE));

		assert_eq!(status(ALICE), Some(TelcoStatus::Active));
		assert!(TelcoRegistry::is_active(&ALICE));
		assert_eq!(last_event(), Event::Reinstated { telco: ALICE }.into());
	});
}

#[test]
fn refuses_an_operator_that_is_not_suspended() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		assert_noop!(
			TelcoRegistry::reinstate(RuntimeOrigin::root(), ALICE),
			Error::<Test>::NotSuspended
		);
		TelcoRegistry::approve(RuntimeOrigin::root(), ALICE).unwrap();
		assert_noop!(
			TelcoRegistry::reinstate(RuntimeOrigin::root(), ALICE),
			Error::<Test>::NotSuspended
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TelcoRegistry::reinstate(RuntimeOrigin::root(), BOB),
			Error::<Test>::UnknownTelco
		);
	});
}

#[test]
fn refuses_anyone_but_the_council() {
	new_test_ext().execute_with(|| {
		suspended_alice();
		assert_noop!(
			TelcoRegistry::reinstate(RuntimeOrigin::signed(ALICE), ALICE),
			DispatchError::BadOrigin
		);
	});
}
