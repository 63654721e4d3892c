//! `RoamingLedger::ensure_can_invoice`: who may invoice usage under an agreement, and when.

use super::*;
use crate::{Error, RoamingTerms};
use frame_support::assert_ok;

fn can_invoice(id: AgreementId, visited: AccountId) -> sp_runtime::DispatchResult {
	<Roaming as RoamingLedger<_>>::ensure_can_invoice(id, &visited)
}

#[test]
fn either_party_may_invoice_within_the_validity() {
	new_test_ext().execute_with(|| {
		let id =
			agree(ALPHA, BRAVO, RoamingTerms { valid_from: 5, valid_until: 9, ..wholesale() });
		for block in [5, 9] {
			System::set_block_number(block);
			assert_ok!(can_invoice(id, ALPHA));
			assert_ok!(can_invoice(id, BRAVO));
		}
	});
}

#[test]
fn an_unknown_agreement_cannot_be_invoiced() {
	new_test_ext().execute_with(|| {
		assert_eq!(can_invoice(0, ALPHA), Err(Error::<Test>::UnknownAgreement.into()));
	});
}

#[test]
fn a_proposal_cannot_be_invoiced() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, wholesale());
		assert_eq!(can_invoice(id, ALPHA), Err(Error::<Test>::AgreementNotAccepted.into()));
	});
}

#[test]
fn a_terminated_agreement_cannot_be_invoiced() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(BRAVO), id));
		assert_eq!(can_invoice(id, ALPHA), Err(Error::<Test>::AgreementTerminated.into()));
	});
}

#[test]
fn usage_before_the_validity_cannot_be_invoiced() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, RoamingTerms { valid_from: 5, ..wholesale() });
		System::set_block_number(4);
		assert_eq!(can_invoice(id, ALPHA), Err(Error::<Test>::AgreementNotYetValid.into()));
	});
}

#[test]
fn usage_after_the_validity_cannot_be_invoiced() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, RoamingTerms { valid_until: 9, ..wholesale() });
		System::set_block_number(10);
		assert_eq!(can_invoice(id, ALPHA), Err(Error::<Test>::AgreementExpired.into()));
	});
}

#[test]
fn only_a_party_may_invoice() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		assert_eq!(can_invoice(id, CHARLIE), Err(Error::<Test>::NotAParty.into()));
	});
}
