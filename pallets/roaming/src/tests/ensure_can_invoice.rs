//! `RoamingLedger::ensure_can_invoice`: who may invoice usage under an agreement, anchored when,
//! and until when.

use super::*;
use crate::{Error, RoamingTerms};
use frame_support::assert_ok;

fn can_invoice(
	id: AgreementId,
	visited: AccountId,
	anchored_at: u64,
) -> sp_runtime::DispatchResult {
	<Roaming as RoamingLedger<_, _>>::ensure_can_invoice(id, &visited, anchored_at)
}

#[test]
fn either_party_may_invoice_usage_anchored_within_the_validity() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, RoamingTerms { valid_from: 5, valid_until: 9, ..wholesale() });
		for block in [5, 9] {
			System::set_block_number(block);
			assert_ok!(can_invoice(id, ALPHA, block));
			assert_ok!(can_invoice(id, BRAVO, block));
		}
	});
}

#[test]
fn an_unknown_agreement_cannot_be_invoiced() {
	new_test_ext().execute_with(|| {
		assert_eq!(can_invoice(0, ALPHA, 1), Err(Error::<Test>::UnknownAgreement.into()));
	});
}

#[test]
fn a_proposal_cannot_be_invoiced() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, wholesale());
		assert_eq!(can_invoice(id, ALPHA, 1), Err(Error::<Test>::AgreementNotAccepted.into()));
	});
}

#[test]
fn usage_anchored_after_a_termination_cannot_be_invoiced() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		System::set_block_number(3);
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(BRAVO), id));
		System::set_block_number(4);
		assert_eq!(can_invoice(id, ALPHA, 4), Err(Error::<Test>::AgreementTerminated.into()));
	});
}

#[test]
fn usage_anchored_before_a_termination_may_be_invoiced_within_the_grace() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		System::set_block_number(3);
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(BRAVO), id));
		System::set_block_number(3 + SETTLEMENT_GRACE);
		assert_ok!(can_invoice(id, ALPHA, 2));
		assert_ok!(can_invoice(id, BRAVO, 3));
		System::set_block_number(3 + SETTLEMENT_GRACE + 1);
		assert_eq!(can_invoice(id, ALPHA, 2), Err(Error::<Test>::SettlementGraceOver.into()));
	});
}

#[test]
fn usage_anchored_before_the_validity_cannot_be_invoiced() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, RoamingTerms { valid_from: 5, ..wholesale() });
		System::set_block_number(6);
		assert_eq!(can_invoice(id, ALPHA, 4), Err(Error::<Test>::AgreementNotYetValid.into()));
	});
}

#[test]
fn usage_anchored_after_the_validity_cannot_be_invoiced() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, RoamingTerms { valid_until: 9, ..wholesale() });
		System::set_block_number(10);
		assert_eq!(can_invoice(id, ALPHA, 10), Err(Error::<Test>::AgreementExpired.into()));
	});
}

#[test]
fn usage_anchored_within_the_validity_may_be_invoiced_within_the_grace_after_it() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, RoamingTerms { valid_until: 9, ..wholesale() });
		System::set_block_number(9 + SETTLEMENT_GRACE);
		assert_ok!(can_invoice(id, ALPHA, 9));
		System::set_block_number(9 + SETTLEMENT_GRACE + 1);
		assert_eq!(can_invoice(id, ALPHA, 9), Err(Error::<Test>::SettlementGraceOver.into()));
	});
}

#[test]
fn only_a_party_may_invoice() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		assert_eq!(can_invoice(id, CHARLIE, 1), Err(Error::<Test>::NotAParty.into()));
	});
}
