//! `accept_agreement`: the counterparty's signature.

use super::*;
use crate::{AgreementStatus, Error, Event, RoamingTerms};
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
		assert_eq!(
			last_event(),
			Some(Event::AgreementAccepted {
				agreement: id,
				proposer: ALPHA,
				counterparty: BRAVO
			})
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
