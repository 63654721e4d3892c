//! `retire`: an admitted operator with nothing left open leaves with its bond.

use super::mock::*;
use crate::{Error, Event, PlmnOwner, Telcos};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::TelcoInspect;
use sp_runtime::DispatchError;

#[test]
fn returns_the_bond_and_frees_the_plmns() {
	new_test_ext().execute_with(|| {
		active_alice();

		assert_ok!(TelcoRegistry::retire(RuntimeOrigin::signed(ALICE)));

		assert!(!Telcos::<Test>::contains_key(ALICE));
		assert!(!TelcoRegistry::is_active(&ALICE));
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), None);
		assert_eq!((bond_held(ALICE), free(ALICE)), (0, START_BALANCE));
		assert_eq!(last_event(), Event::Retired { telco: ALICE, bond_released: BOND }.into());
	});
}

#[test]
fn a_suspended_operator_may_retire_with_what_a_slash_left() {
	new_test_ext().execute_with(|| {
		suspended_alice();
		TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 25).unwrap();

		assert_ok!(TelcoRegistry::retire(RuntimeOrigin::signed(ALICE)));

		assert_eq!((bond_held(ALICE), free(ALICE)), (0, START_BALANCE - 25));
		assert_eq!(last_event(), Event::Retired { telco: ALICE, bond_released: BOND - 25 }.into());
	});
}

#[test]
fn refuses_while_obligations_are_open() {
	new_test_ext().execute_with(|| {
		active_alice();
		MockObligations::set(ALICE, true);
		assert_noop!(
			TelcoRegistry::retire(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::OpenObligations
		);
		MockObligations::set(ALICE, false);
		assert_ok!(TelcoRegistry::retire(RuntimeOrigin::signed(ALICE)));
	});
}

#[test]
fn refuses_a_pending_applicant() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		assert_noop!(
			TelcoRegistry::retire(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::StillPending
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TelcoRegistry::retire(RuntimeOrigin::signed(BOB)),
			Error::<Test>::UnknownTelco
		);
	});
}

#[test]
fn refuses_an_unsigned_origin() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(TelcoRegistry::retire(RuntimeOrigin::root()), DispatchError::BadOrigin);
	});
}
