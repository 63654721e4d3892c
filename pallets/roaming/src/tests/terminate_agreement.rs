//! `terminate_agreement`: a proposal withdrawn or declined, or an agreement in force ended; what
//! was anchored before still settles within the grace.

use super::*;
use crate::{AgreementStatus, AgreementsOf, Error, Event, ProposalsOf};
use frame_support::{assert_noop, assert_ok};

fn terminate(party: AccountId, id: AgreementId) -> sp_runtime::DispatchResult {
	Roaming::terminate_agreement(RuntimeOrigin::signed(party), id)
}

#[test]
fn the_proposer_withdraws_a_proposal_which_is_removed() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, wholesale());
		assert_ok!(terminate(ALPHA, id));

		assert!(!Agreements::<Test>::contains_key(id));
		assert_eq!(Agreements::<Test>::count(), 0);
		assert!(!ProposalsOf::<Test>::contains_key(ALPHA));
		assert_eq!(last_event(), Some(Event::ProposalWithdrawn { agreement: id, by: ALPHA }));
		assert_conserved();
	});
}

#[test]
fn the_counterparty_declines_a_proposal() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, wholesale());
		assert_ok!(terminate(BRAVO, id));
		assert!(!Agreements::<Test>::contains_key(id));
		assert_eq!(last_event(), Some(Event::ProposalWithdrawn { agreement: id, by: BRAVO }));
		assert_conserved();
	});
}

#[test]
fn either_party_terminates_an_agreement_in_force_which_waits_for_its_final_netting() {
	new_test_ext().execute_with(|| {
		let first = agree(ALPHA, BRAVO, wholesale());
		let second = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, DOLLAR);
		assert_ok!(book(first, ALPHA, 3 * MB));
		System::set_block_number(4);
		assert_ok!(terminate(ALPHA, first));
		assert_ok!(terminate(BRAVO, second));

		let record = agreement(first);
		assert_eq!(record.status, AgreementStatus::Terminated { at: 4 });
		// What was booked stays, to be netted.
		assert_eq!(record.payable_to_proposer, 30_000);
		assert_eq!(AgreementsOf::<Test>::get(ALPHA), 2);
		assert_eq!(
			events()[events().len() - 2..],
			[
				Event::AgreementTerminated { agreement: first, by: ALPHA },
				Event::AgreementTerminated { agreement: second, by: BRAVO },
			]
		);
		assert_conserved();
	});
}

#[test]
fn a_suspended_operator_may_still_terminate() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		set_telco_active(ALPHA, false);
		assert_ok!(terminate(ALPHA, id));
		assert_eq!(agreement(id).status, AgreementStatus::Terminated { at: 1 });
	});
}

#[test]
fn terminating_an_unknown_agreement_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(terminate(ALPHA, 3), Error::<Test>::UnknownAgreement);
	});
}

#[test]
fn only_a_party_may_terminate() {
	new_test_ext().execute_with(|| {
		let proposal = propose(ALPHA, BRAVO, wholesale());
		let in_force = agree(ALPHA, BRAVO, wholesale());
		assert_noop!(terminate(CHARLIE, proposal), Error::<Test>::NotAParty);
		assert_noop!(terminate(STRANGER, in_force), Error::<Test>::NotAParty);
	});
}

#[test]
fn terminating_twice_is_refused() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		assert_ok!(terminate(BRAVO, id));
		assert_noop!(terminate(ALPHA, id), Error::<Test>::AgreementTerminated);
	});
}

#[test]
fn usage_anchored_before_the_termination_still_settles() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, DOLLAR);
		System::set_block_number(3);
		assert_ok!(terminate(BRAVO, id));
		assert_eq!(book_anchored(id, ALPHA, 50 * MB, 2), Ok(500_000));
		assert_noop!(book_anchored(id, ALPHA, MB, 4), Error::<Test>::AgreementTerminated);
		assert_conserved();
	});
}
