//! `accept_agreement`: the counterparty's signature.

use super::*;
use crate::{AgreementStatus, AgreementsOf, Error, Event, ProposalsOf, RoamingTerms};
use frame_support::{assert_noop, assert_ok};

fn accept(counterparty: AccountId, id: AgreementId) -> sp_runtime::DispatchResult {
	Roaming::accept_agreement(RuntimeOrigin::signed(counterparty), id)
}

#[test]
fn the_counterparty_accepts_and_the_agreement_comes_into_force() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, wholesale());
		System::set_block_number(4);
		assert_ok!(accept(BRAVO, id));

		let record = agreement(id);
		assert_eq!(record.status, AgreementStatus::InForce);
		// Its first settlement period starts at the second signature.
		assert_eq!(record.last_settled_at, 4);
		// No longer ALPHA's open proposal: both parties' agreement.
		assert!(!ProposalsOf::<Test>::contains_key(ALPHA));
		assert_eq!((AgreementsOf::<Test>::get(ALPHA), AgreementsOf::<Test>::get(BRAVO)), (1, 1));
		// Each party bills the other's subscribers, from now on only.
		let roaming = gesim_primitives::UsageSubject::Roaming(id);
		assert_eq!(UsageStarts::get(), vec![(ALPHA, roaming), (BRAVO, roaming)]);
		assert_eq!(
			last_event(),
			Some(Event::AgreementAccepted { agreement: id, proposer: ALPHA, counterparty: BRAVO })
		);
		assert_conserved();
	});
}

#[test]
fn an_agreement_may_be_signed_before_its_validity_starts() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, RoamingTerms { valid_from: 50, ..wholesale() });
		assert_ok!(accept(BRAVO, id));
		assert_eq!(agreement(id).status, AgreementStatus::InForce);
	});
}

#[test]
fn accepting_an_unknown_agreement_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(accept(BRAVO, 7), Error::<Test>::UnknownAgreement);
	});
}

#[test]
fn only_the_counterparty_may_accept() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, wholesale());
		assert_noop!(accept(ALPHA, id), Error::<Test>::NotCounterparty);
		assert_noop!(accept(CHARLIE, id), Error::<Test>::NotCounterparty);
	});
}

#[test]
fn accepting_twice_is_refused() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		assert_noop!(accept(BRAVO, id), Error::<Test>::AlreadyInForce);
	});
}

#[test]
fn accepting_a_terminated_agreement_is_refused() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(ALPHA), id));
		assert_noop!(accept(BRAVO, id), Error::<Test>::AgreementTerminated);
	});
}

#[test]
fn a_suspended_counterparty_cannot_accept() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, wholesale());
		set_telco_active(BRAVO, false);
		assert_noop!(accept(BRAVO, id), Error::<Test>::NotActiveTelco);
	});
}

#[test]
fn a_proposal_of_a_suspended_telco_cannot_be_accepted() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, wholesale());
		set_telco_active(ALPHA, false);
		assert_noop!(accept(BRAVO, id), Error::<Test>::PartnerNotActive);
	});
}

#[test]
fn a_proposal_whose_validity_ended_cannot_be_accepted() {
	new_test_ext().execute_with(|| {
		let ends = RoamingTerms { valid_until: 8, ..wholesale() };
		let (on_time, late) = (propose(ALPHA, BRAVO, ends), propose(ALPHA, BRAVO, ends));
		System::set_block_number(8);
		assert_ok!(accept(BRAVO, on_time));
		System::set_block_number(9);
		assert_noop!(accept(BRAVO, late), Error::<Test>::AgreementExpired);
	});
}

#[test]
fn a_proposal_cannot_be_accepted_after_the_proposal_window() {
	new_test_ext().execute_with(|| {
		let (on_time, late) =
			(propose(ALPHA, BRAVO, wholesale()), propose(ALPHA, BRAVO, wholesale()));
		System::set_block_number(1 + PROPOSAL_WINDOW);
		assert_ok!(accept(BRAVO, on_time));
		System::set_block_number(1 + PROPOSAL_WINDOW + 1);
		assert_noop!(accept(BRAVO, late), Error::<Test>::ProposalWindowClosed);
	});
}

#[test]
fn an_operator_is_a_party_to_at_most_max_agreements() {
	new_test_ext().execute_with(|| {
		set_telco_active(SUSPENDED, true);
		for _ in 0..MAX_AGREEMENTS_PER_OPERATOR {
			agree(ALPHA, BRAVO, wholesale());
		}
		// BRAVO, accepting, is full; then ALPHA, the other party, is.
		let to_bravo = propose(CHARLIE, BRAVO, wholesale());
		assert_noop!(accept(BRAVO, to_bravo), Error::<Test>::AgreementsFull);
		let from_alpha = propose(ALPHA, CHARLIE, wholesale());
		assert_noop!(accept(CHARLIE, from_alpha), Error::<Test>::PartnerAgreementsFull);
		// Others are free to agree.
		let other = propose(SUSPENDED, CHARLIE, wholesale());
		assert_ok!(accept(CHARLIE, other));
		// An agreement removed (after its grace) frees a place.
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(ALPHA), 0));
		run_to_block(20);
		assert!(!Agreements::<Test>::contains_key(0));
		assert_ok!(accept(BRAVO, to_bravo));
		assert_conserved();
	});
}
