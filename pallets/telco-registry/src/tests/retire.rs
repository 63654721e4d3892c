//! `retire`: an active operator with nothing left open leaves with its bond; a suspended one
//! waits for the council.

use super::mock::*;
use crate::{Error, Event, PlmnOwner, ProfileChanges, Telcos};
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
fn releases_the_plmns_of_a_pending_profile_change() {
	new_test_ext().execute_with(|| {
		active_alice();
		alice_proposes(&[plmn("208", "15")]);

		assert_ok!(TelcoRegistry::retire(RuntimeOrigin::signed(ALICE)));

		assert!(!ProfileChanges::<Test>::contains_key(ALICE));
		assert_eq!(PlmnOwner::<Test>::get(plmn("208", "15")), None);
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), None);
	});
}

#[test]
fn a_slashed_operator_leaves_once_topped_up_and_reinstated() {
	new_test_ext().execute_with(|| {
		active_alice();
		TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 25, None).unwrap();
		TelcoRegistry::top_up_bond(RuntimeOrigin::signed(ALICE)).unwrap();
		TelcoRegistry::reinstate(RuntimeOrigin::root(), ALICE).unwrap();

		assert_ok!(TelcoRegistry::retire(RuntimeOrigin::signed(ALICE)));

		assert_eq!((bond_held(ALICE), free(ALICE)), (0, START_BALANCE - 25), "the slash stays");
		assert_eq!(last_event(), Event::Retired { telco: ALICE, bond_released: BOND }.into());
	});
}

#[test]
fn suspended_telco_cannot_retire_before_the_council_rules() {
	new_test_ext().execute_with(|| {
		suspended_alice();
		// Its obligations are clear: only the suspension stands in the way.
		MockObligations::set(ALICE, false);

		assert_noop!(
			TelcoRegistry::retire(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::StillSuspended
		);

		// The bond is still there when the council's slash passes.
		assert_ok!(TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, BOND, Some(CHARLIE)));
		assert_eq!(free(CHARLIE), START_BALANCE + BOND);
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
