//! `top_up_bond`: after a slash, the operator holds what its bond lacks, so the council may
//! approve or reinstate it.

use super::mock::*;
use crate::{Error, Event, TelcoStatus, Telcos};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn holds_what_the_bond_lacks() {
	new_test_ext().execute_with(|| {
		active_alice();
		TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 30, None).unwrap();

		assert_ok!(TelcoRegistry::top_up_bond(RuntimeOrigin::signed(ALICE)));

		assert_eq!(bond_held(ALICE), BOND);
		assert_eq!(Telcos::<Test>::get(ALICE).unwrap().bond, BOND);
		assert_eq!(free(ALICE), START_BALANCE - BOND - 30);
		assert_eq!(status(ALICE), Some(TelcoStatus::Suspended), "the council reinstates");
		assert_eq!(
			last_event(),
			Event::BondToppedUp { telco: ALICE, amount: 30, bond: BOND }.into()
		);
	});
}

#[test]
fn holds_the_whole_bond_again_after_a_slash_to_nothing() {
	new_test_ext().execute_with(|| {
		active_alice();
		TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, BOND, None).unwrap();
		assert_eq!(bond_held(ALICE), 0);

		assert_ok!(TelcoRegistry::top_up_bond(RuntimeOrigin::signed(ALICE)));

		assert_eq!(bond_held(ALICE), BOND);
		assert_eq!(
			last_event(),
			Event::BondToppedUp { telco: ALICE, amount: BOND, bond: BOND }.into()
		);
	});
}

#[test]
fn refuses_a_bond_that_is_whole() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::top_up_bond(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::BondNotShort
		);
		TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 10, None).unwrap();
		TelcoRegistry::top_up_bond(RuntimeOrigin::signed(ALICE)).unwrap();
		assert_noop!(
			TelcoRegistry::top_up_bond(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::BondNotShort
		);
	});
}

#[test]
fn refuses_an_operator_that_cannot_hold_the_shortfall() {
	new_test_ext().execute_with(|| {
		active_alice();
		TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, BOND, None).unwrap();
		// All but the existential deposit leaves ALICE's account.
		let spendable = free(ALICE) - EXISTENTIAL_DEPOSIT;
		Balances::transfer_allow_death(RuntimeOrigin::signed(ALICE), BOB, spendable).unwrap();

		assert_noop!(
			TelcoRegistry::top_up_bond(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::InsufficientBond
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TelcoRegistry::top_up_bond(RuntimeOrigin::signed(BOB)),
			Error::<Test>::UnknownTelco
		);
	});
}

#[test]
fn refuses_an_unsigned_origin() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(TelcoRegistry::top_up_bond(RuntimeOrigin::root()), DispatchError::BadOrigin);
	});
}
