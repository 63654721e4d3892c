//! `reject`: the council turns a pending application down; its PLMNs are freed and its bond
//! returned.

use super::mock::*;
use crate::{Error, Event, PlmnOwner, Telcos};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn council_can_reject_a_pending_application_and_free_its_plmns() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);

		assert_ok!(TelcoRegistry::reject(RuntimeOrigin::root(), ALICE));

		assert!(!Telcos::<Test>::contains_key(ALICE));
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), None);
		assert_eq!((bond_held(ALICE), free(ALICE)), (0, START_BALANCE), "no punishment");
		assert_eq!(last_event(), Event::Rejected { telco: ALICE, bond_released: BOND }.into());
		// The network is free for another operator.
		apply_with(BOB, alice_plmn(), BOB_KEY);
	});
}

#[test]
fn returns_only_what_a_slash_left() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 40, None).unwrap();

		assert_ok!(TelcoRegistry::reject(RuntimeOrigin::root(), ALICE));

		assert_eq!((bond_held(ALICE), free(ALICE)), (0, START_BALANCE - 40));
		assert_eq!(last_event(), Event::Rejected { telco: ALICE, bond_released: BOND - 40 }.into());
	});
}

#[test]
fn refuses_an_admitted_operator() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::reject(RuntimeOrigin::root(), ALICE),
			Error::<Test>::NotPending
		);
		TelcoRegistry::suspend(RuntimeOrigin::root(), ALICE).unwrap();
		assert_noop!(
			TelcoRegistry::reject(RuntimeOrigin::root(), ALICE),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TelcoRegistry::reject(RuntimeOrigin::root(), BOB),
			Error::<Test>::UnknownTelco
		);
	});
}

#[test]
fn refuses_anyone_but_the_council() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		assert_noop!(
			TelcoRegistry::reject(RuntimeOrigin::signed(BOB), ALICE),
			DispatchError::BadOrigin
		);
		assert_noop!(
			TelcoRegistry::reject(RuntimeOrigin::signed(ALICE), ALICE),
			DispatchError::BadOrigin
		);
	});
}
