//! `slash`: the council takes part of a bond, to the treasury or to a beneficiary it names; an
//! active operator left with a short bond is suspended.

use super::mock::*;
use crate::{Error, Event, TelcoStatus, Telcos};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::TelcoInspect;
use sp_runtime::DispatchError;

/// A partner ALICE defaulted on; it has an account.
const CREDITOR: AccountId = CHARLIE;

#[test]
fn moves_part_of_the_held_bond_to_the_treasury() {
	new_test_ext().execute_with(|| {
		active_alice();
		let issuance = pallet_balances::TotalIssuance::<Test>::get();

		assert_ok!(TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 30, None));

		assert_eq!(bond_held(ALICE), BOND - 30);
		assert_eq!(Telcos::<Test>::get(ALICE).unwrap().bond, BOND - 30);
		assert_eq!(free(ALICE), START_BALANCE - BOND, "free balance untouched");
		assert_eq!(free(TREASURY), EXISTENTIAL_DEPOSIT + 30);
		assert_eq!(pallet_balances::TotalIssuance::<Test>::get(), issuance, "moved, not burnt");
		assert_eq!(
			last_events(2),
			vec![
				Event::Slashed {
					telco: ALICE,
					amount: 30,
					remaining_bond: BOND - 30,
					beneficiary: None
				}
				.into(),
				Event::Suspended { telco: ALICE }.into(),
			]
		);
	});
}

#[test]
fn slashed_bond_goes_to_the_beneficiary_when_given() {
	new_test_ext().execute_with(|| {
		active_alice();
		let issuance = pallet_balances::TotalIssuance::<Test>::get();

		assert_ok!(TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 30, Some(CREDITOR)));

		assert_eq!(bond_held(ALICE), BOND - 30);
		assert_eq!(Telcos::<Test>::get(ALICE).unwrap().bond, BOND - 30);
		assert_eq!(free(CREDITOR), START_BALANCE + 30);
		assert_eq!(free(TREASURY), EXISTENTIAL_DEPOSIT, "the treasury gets nothing");
		assert_eq!(pallet_balances::TotalIssuance::<Test>::get(), issuance, "moved, not burnt");
		assert_eq!(
			last_events(2),
			vec![
				Event::Slashed {
					telco: ALICE,
					amount: 30,
					remaining_bond: BOND - 30,
					beneficiary: Some(CREDITOR)
				}
				.into(),
				Event::Suspended { telco: ALICE }.into(),
			]
		);
	});
}

#[test]
fn a_beneficiary_without_an_account_gets_one() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_ok!(TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, BOND, Some(77)));
		assert_eq!(free(77), BOND);
	});
}

#[test]
fn telco_slashed_to_nothing_is_suspended() {
	new_test_ext().execute_with(|| {
		active_alice();

		assert_ok!(TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, BOND, None));

		assert_eq!(status(ALICE), Some(TelcoStatus::Suspended));
		assert_eq!(bond_held(ALICE), 0);
		assert!(!TelcoRegistry::is_active(&ALICE));
		assert_eq!(last_event(), Event::Suspended { telco: ALICE }.into());
	});
}

#[test]
fn telco_slashed_below_the_bond_is_suspended() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_ok!(TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 1, None));
		assert_eq!(status(ALICE), Some(TelcoStatus::Suspended));
	});
}

#[test]
fn a_suspended_or_pending_operator_keeps_its_standing() {
	new_test_ext().execute_with(|| {
		suspended_alice();
		assert_ok!(TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 10, None));
		assert_eq!(status(ALICE), Some(TelcoStatus::Suspended));
		assert!(
			matches!(last_event(), RuntimeEvent::TelcoRegistry(Event::Slashed { .. })),
			"no second suspension"
		);

		apply_with(BOB, bob_plmn(), BOB_KEY);
		assert_ok!(TelcoRegistry::slash(RuntimeOrigin::root(), BOB, 10, None));
		assert_eq!(status(BOB), Some(TelcoStatus::Pending));
	});
}

#[test]
fn a_slash_of_nothing_leaves_an_active_operator_active() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_ok!(TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 0, None));
		assert_eq!(status(ALICE), Some(TelcoStatus::Active));
		assert_eq!(bond_held(ALICE), BOND);
	});
}

#[test]
fn refuses_more_than_the_bond_still_held() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, BOND + 1, None),
			Error::<Test>::SlashExceedsBond
		);
		TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 60, None).unwrap();
		assert_noop!(
			TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, 41, Some(CREDITOR)),
			Error::<Test>::SlashExceedsBond
		);
	});
}

#[test]
fn refuses_a_beneficiary_that_cannot_receive_the_amount() {
	new_test_ext().execute_with(|| {
		active_alice();
		// Less than the existential deposit cannot open an account.
		assert_noop!(
			TelcoRegistry::slash(RuntimeOrigin::root(), ALICE, EXISTENTIAL_DEPOSIT - 1, Some(77)),
			Error::<Test>::BeneficiaryCannotReceive
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TelcoRegistry::slash(RuntimeOrigin::root(), BOB, 1, None),
			Error::<Test>::UnknownTelco
		);
	});
}

#[test]
fn refuses_anyone_but_the_council() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::slash(RuntimeOrigin::signed(BOB), ALICE, 1, Some(BOB)),
			DispatchError::BadOrigin
		);
	});
}
