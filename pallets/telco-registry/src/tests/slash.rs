//! `slash`: the council takes part of a bond to the treasury.

use super::mock::*;
use crate::{Error, Event, Telcos};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn moves_part_of_the_held_bond_to_the_treasury() {
	new_test_ext().execute_with(|| {
		active_alice();
		let issuance = pallet_balances::TotalIssuance::<Test>::get();

		assert_ok!(TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 30));

		assert_eq!(bond_held(ALICE), BOND - 30);
		assert_eq!(Telcos::<Test>::get(ALICE).unwrap().bond, BOND - 30);
		assert_eq!(free(ALICE), START_BALANCE - BOND, "free balance untouched");
		assert_eq!(free(TREASURY), 1 + 30);
		assert_eq!(pallet_balances::TotalIssuance::<Test>::get(), issuance, "moved, not burnt");
		assert_eq!(
			last_event(),
			Event::Slashed { telco: ALICE, amount: 30, remaining_bond: BOND - 30 }.into()
		);

		// The whole rest may go too; the operator stays registered with nothing held.
		assert_ok!(TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, BOND - 30));
		assert_eq!(bond_held(ALICE), 0);
		assert_eq!(free(TREASURY), 1 + BOND);
		assert!(Telcos::<Test>::contains_key(ALICE));
	});
}

#[test]
fn refuses_more_than_the_bond_still_held() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, BOND + 1),
			Error::<Test>::SlashExceedsBond
		);
		TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 60).unwrap();
		assert_noop!(
			TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 41),
			Error::<Test>::SlashExceedsBond
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TelcoRegistry::slash(RuntimeOrigin::root(), BOB, 1),
			Error::<Test>::UnknownTelco
		);
	});
}

#[test]
fn refuses_anyone_but_the_council() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::slash(RuntimeOrigin::signed(BOB), ALICE, 1),
			DispatchError::BadOrigin
		);
	});
}
