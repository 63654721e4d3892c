//! `reinstate`: the council lifts a suspension, once the bond is whole.

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
fn reinstate_refuses_while_the_bond_is_short() {
	new_test_ext().execute_with(|| {
		active_alice();
		TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, BOND, None).unwrap();
		assert_eq!(status(ALICE), Some(TelcoStatus::Suspended));

		assert_noop!(
			TelcoRegistry::reinstate(RuntimeOrigin::root(), ALICE),
			Error::<Test>::BondShort
		);

		TelcoRegistry::top_up_bond(RuntimeOrigin::signed(ALICE)).unwrap();
		assert_ok!(TelcoRegistry::reinstate(RuntimeOrigin::root(), ALICE));
		assert!(TelcoRegistry::is_active(&ALICE));
		assert_eq!(bond_held(ALICE), BOND);
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
