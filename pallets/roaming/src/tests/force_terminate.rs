//! `force_terminate`: the council ends a proposal or an agreement in force, as a party could.

use super::*;
use crate::{AgreementStatus, Error, Event, ProposalsOf};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn force_terminate(id: AgreementId) -> sp_runtime::DispatchResult {
	Roaming::force_terminate(RuntimeOrigin::root(), id)
}

#[test]
fn the_council_removes_a_proposal() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, wholesale());
		assert_ok!(force_terminate(id));
		assert!(!Agreements::<Test>::contains_key(id));
		assert!(!ProposalsOf::<Test>::contains_key(ALPHA));
		assert_eq!(last_event(), Some(Event::AgreementForceTerminated { agreement: id }));
		assert_conserved();
	});
}

#[test]
fn the_council_terminates_an_agreement_in_force_which_still_settles_earlier_usage() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, DOLLAR);
		System::set_block_number(5);
		assert_ok!(force_terminate(id));
		assert_eq!(agreement(id).status, AgreementStatus::Terminated { at: 5 });
		assert_eq!(last_event(), Some(Event::AgreementForceTerminated { agreement: id }));
		// What was anchored before is still booked; nothing anchored later.
		assert_eq!(book_anchored(id, ALPHA, 100 * MB, 4), Ok(DOLLAR));
		System::set_block_number(6);
		assert_noop!(book(id, ALPHA, MB), Error::<Test>::AgreementTerminated);
		run_to_block(30);
		assert!(!Agreements::<Test>::contains_key(id));
		assert_eq!(balance(ALPHA), STARTING_BALANCE + DOLLAR);
		assert_conserved();
	});
}

#[test]
fn forcing_an_unknown_agreement_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(force_terminate(3), Error::<Test>::UnknownAgreement);
	});
}

#[test]
fn forcing_a_terminated_agreement_is_refused() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(BRAVO), id));
		assert_noop!(force_terminate(id), Error::<Test>::AgreementTerminated);
	});
}

#[test]
fn only_the_council_forces_a_termination() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		assert_noop!(
			Roaming::force_terminate(RuntimeOrigin::signed(ALPHA), id),
			DispatchError::BadOrigin
		);
	});
}
