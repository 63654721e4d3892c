//! `approve`: the council admits a pending applicant whose bond is whole, which then counts as
//! active.

use super::mock::*;
use crate::{Error, Event, TelcoStatus};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::TelcoInspect;
use sp_runtime::DispatchError;

#[test]
fn admits_a_pending_applicant() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		assert!(!TelcoRegistry::is_active(&ALICE), "pending is not active");

		assert_ok!(TelcoRegistry::approve(RuntimeOrigin::root(), ALICE));

		assert_eq!(status(ALICE), Some(TelcoStatus::Active));
		assert!(TelcoRegistry::is_active(&ALICE));
		assert_eq!(bond_held(ALICE), BOND, "the bond stays held");
		assert_eq!(last_event(), Event::Approved { telco: ALICE }.into());
	});
}

#[test]
fn refuses_an_applicant_whose_bond_was_slashed_until_it_tops_up() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 1, None).unwrap();

		assert_noop!(
			TelcoRegistry::approve(RuntimeOrigin::root(), ALICE),
			Error::<Test>::BondShort
		);

		TelcoRegistry::top_up_bond(RuntimeOrigin::signed(ALICE)).unwrap();
		assert_ok!(TelcoRegistry::approve(RuntimeOrigin::root(), ALICE));
		assert!(TelcoRegistry::is_active(&ALICE));
	});
}

#[test]
fn refuses_an_operator_that_is_not_pending() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::approve(RuntimeOrigin::root(), ALICE),
			Error::<Test>::NotPending
		);
		TelcoRegistry::suspend(RuntimeOrigin::root(), ALICE).unwrap();
		assert_noop!(
			TelcoRegistry::approve(RuntimeOrigin::root(), ALICE),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TelcoRegistry::approve(RuntimeOrigin::root(), BOB),
			Error::<Test>::UnknownTelco
		);
	});
}

#[test]
fn refuses_anyone_but_the_council() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		assert_noop!(
			TelcoRegistry::approve(RuntimeOrigin::signed(ALICE), ALICE),
			DispatchError::BadOrigin
		);
		assert_noop!(
			TelcoRegistry::approve(RuntimeOrigin::none(), ALICE),
			DispatchError::BadOrigin
		);
	});
}
