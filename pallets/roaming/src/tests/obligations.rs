//! `TelcoObligations`: what keeps an operator from retiring.

use super::*;
use crate::Carried;
use frame_support::assert_ok;
use gesim_primitives::TelcoObligations;

fn obliged(telco: AccountId) -> bool {
	<Roaming as TelcoObligations<_>>::has_open_obligations(&telco)
}

#[test]
fn an_operator_without_agreements_deposit_or_carried_position_has_none() {
	new_test_ext().execute_with(|| {
		assert!(!obliged(ALPHA));
	});
}

#[test]
fn a_proposal_is_an_obligation_of_its_proposer_only() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, wholesale());
		// A proposal nobody asked for cannot keep BRAVO from retiring.
		assert!(obliged(ALPHA) && !obliged(BRAVO));
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(BRAVO), id));
		assert!(!obliged(ALPHA));
	});
}

#[test]
fn an_agreement_is_an_obligation_for_both_parties_until_removed_after_its_grace() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		assert!(obliged(ALPHA) && obliged(BRAVO));
		assert!(!obliged(CHARLIE));
		// Terminated, it still takes late usage within the grace (until block 16).
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(ALPHA), id));
		run_to_block(10);
		assert!(obliged(ALPHA) && obliged(BRAVO));
		run_to_block(20);
		assert!(!obliged(ALPHA) && !obliged(BRAVO));
	});
}

#[test]
fn a_deposit_is_an_obligation_until_withdrawn() {
	new_test_ext().execute_with(|| {
		deposit(CHARLIE, DOLLAR);
		assert!(obliged(CHARLIE));
		assert_ok!(Roaming::withdraw(RuntimeOrigin::signed(CHARLIE), DOLLAR));
		assert!(!obliged(CHARLIE));
	});
}

#[test]
fn a_carried_position_is_an_obligation_either_way() {
	new_test_ext().execute_with(|| {
		Carried::<Test>::insert(ALPHA, 5);
		Carried::<Test>::insert(BRAVO, -5);
		assert!(obliged(ALPHA) && obliged(BRAVO));
	});
}
