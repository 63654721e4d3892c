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
		assert!(!obliged(ORANGE));
	});
}

#[test]
fn a_proposal_or_an_agreement_in_force_is_an_obligation_for_both_parties() {
	new_test_ext().execute_with(|| {
		let id = propose(ORANGE, VODAFONE, wholesale());
		assert!(obliged(ORANGE) && obliged(VODAFONE));
		assert!(!obliged(TELEFONICA));
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(VODAFONE), id));
		assert!(!obliged(ORANGE) && !obliged(VODAFONE));

		let id = agree(ORANGE, VODAFONE, wholesale());
		assert!(obliged(ORANGE) && obliged(VODAFONE));
		// Terminated, it still awaits its final netting.
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(ORANGE), id));
		assert!(obliged(ORANGE) && obliged(VODAFONE));
		run_to_block(10);
		assert!(!obliged(ORANGE) && !obliged(VODAFONE));
	});
}

#[test]
fn a_deposit_is_an_obligation_until_withdrawn() {
	new_test_ext().execute_with(|| {
		deposit(TELEFONICA, DOLLAR);
		assert!(obliged(TELEFONICA));
		assert_ok!(Roaming::withdraw(RuntimeOrigin::signed(TELEFONICA), DOLLAR));
		assert!(!obliged(TELEFONICA));
	});
}

#[test]
fn a_carried_position_is_an_obligation_either_way() {
	new_test_ext().execute_with(|| {
		Carried::<Test>::insert(ORANGE, 5);
		Carried::<Test>::insert(VODAFONE, -5);
		assert!(obliged(ORANGE) && obliged(VODAFONE));
	});
}
