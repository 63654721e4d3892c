//! `propose_agreement`: the first signature.

use super::*;
use crate::{
	AgreementStatus, AgreementsOf, Error, Event, NextAgreementId, ProposalsOf, RoamingTerms,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn propose_with(
	proposer: AccountId,
	counterparty: AccountId,
	terms: crate::RoamingTermsOf<Test>,
) -> sp_runtime::DispatchResult {
	Roaming::propose_agreement(RuntimeOrigin::signed(proposer), counterparty, terms)
}

#[test]
fn an_active_telco_proposes_to_another() {
	new_test_ext().execute_with(|| {
		assert_ok!(propose_with(ALPHA, BRAVO, wholesale()));

		let record = agreement(0);
		assert_eq!((record.proposer, record.counterparty), (ALPHA, BRAVO));
		assert_eq!(record.terms, wholesale());
		assert_eq!(record.status, AgreementStatus::Proposed { at: 1 });
		assert_eq!((record.payable_to_proposer, record.payable_to_counterparty), (0, 0));
		assert_eq!(NextAgreementId::<Test>::get(), 1);
		assert_eq!(Agreements::<Test>::count(), 1);
		// A proposal counts against its proposer only, and is no agreement yet.
		assert_eq!(ProposalsOf::<Test>::get(ALPHA), 1);
		assert!(!ProposalsOf::<Test>::contains_key(BRAVO));
		assert!(!AgreementsOf::<Test>::contains_key(ALPHA));
		assert_eq!(
			last_event(),
			Some(Event::AgreementProposed {
				agreement: 0,
				proposer: ALPHA,
				counterparty: BRAVO,
				terms: wholesale(),
			})
		);
		assert_conserved();
	});
}

#[test]
fn the_same_pair_may_hold_several_agreements() {
	new_test_ext().execute_with(|| {
		assert_ok!(propose_with(ALPHA, BRAVO, wholesale()));
		assert_ok!(propose_with(BRAVO, ALPHA, wholesale()));
		assert_eq!((ProposalsOf::<Test>::get(ALPHA), ProposalsOf::<Test>::get(BRAVO)), (1, 1));
		assert_eq!(agreement(1).proposer, BRAVO);
		assert_conserved();
	});
}

#[test]
fn a_proposal_by_an_inactive_telco_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(propose_with(SUSPENDED, BRAVO, wholesale()), Error::<Test>::NotActiveTelco);
		assert_noop!(propose_with(STRANGER, BRAVO, wholesale()), Error::<Test>::NotActiveTelco);
	});
}

#[test]
fn a_proposal_to_an_inactive_telco_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(propose_with(ALPHA, SUSPENDED, wholesale()), Error::<Test>::PartnerNotActive);
		assert_noop!(propose_with(ALPHA, STRANGER, wholesale()), Error::<Test>::PartnerNotActive);
	});
}

#[test]
fn a_telco_cannot_agree_with_itself() {
	new_test_ext().execute_with(|| {
		assert_noop!(propose_with(ALPHA, ALPHA, wholesale()), Error::<Test>::SelfAgreement);
	});
}

#[test]
fn the_revenue_share_must_be_between_one_basis_point_and_all() {
	new_test_ext().execute_with(|| {
		for bps in [0, 10_001, u16::MAX] {
			let terms = RoamingTerms { revenue_share_bps: bps, ..wholesale() };
			assert_noop!(propose_with(ALPHA, BRAVO, terms), Error::<Test>::RevenueShareOutOfRange);
		}
		for bps in [1, 10_000] {
			assert_ok!(propose_with(
				ALPHA,
				BRAVO,
				RoamingTerms { revenue_share_bps: bps, ..wholesale() }
			));
		}
	});
}

#[test]
fn a_bill_and_keep_agreement_at_rate_zero_is_allowed() {
	new_test_ext().execute_with(|| {
		assert_ok!(propose_with(ALPHA, BRAVO, RoamingTerms { rate_per_mb: 0, ..wholesale() }));
	});
}

#[test]
fn a_zero_settlement_period_is_refused() {
	new_test_ext().execute_with(|| {
		let terms = RoamingTerms { settlement_period: 0, ..wholesale() };
		assert_noop!(propose_with(ALPHA, BRAVO, terms), Error::<Test>::ZeroSettlementPeriod);
	});
}

#[test]
fn a_validity_must_end_after_it_starts() {
	new_test_ext().execute_with(|| {
		for (valid_from, valid_until) in [(5, 5), (6, 5)] {
			let terms = RoamingTerms { valid_from, valid_until, ..wholesale() };
			assert_noop!(propose_with(ALPHA, BRAVO, terms), Error::<Test>::EmptyValidity);
		}
		assert_ok!(propose_with(
			ALPHA,
			BRAVO,
			RoamingTerms { valid_from: 5, valid_until: 6, ..wholesale() }
		));
	});
}

#[test]
fn a_validity_that_already_ended_is_refused() {
	new_test_ext().execute_with(|| {
		System::set_block_number(50);
		let terms = RoamingTerms { valid_from: 10, valid_until: 49, ..wholesale() };
		assert_noop!(propose_with(ALPHA, BRAVO, terms), Error::<Test>::ValidityEnded);
		// Ending in the current block is still worth signing.
		assert_ok!(propose_with(
			ALPHA,
			BRAVO,
			RoamingTerms { valid_from: 10, valid_until: 50, ..wholesale() }
		));
	});
}

#[test]
fn no_more_than_max_agreements_are_stored() {
	new_test_ext().execute_with(|| {
		set_telco_active(SUSPENDED, true);
		set_telco_active(STRANGER, true);
		for proposer in [ALPHA, BRAVO, CHARLIE, SUSPENDED] {
			for _ in 0..MAX_PROPOSALS {
				assert_ok!(propose_with(proposer, STRANGER, wholesale()));
			}
		}
		assert_eq!(Agreements::<Test>::count(), MAX_AGREEMENTS);
		assert_noop!(propose_with(STRANGER, ALPHA, wholesale()), Error::<Test>::TooManyAgreements);
		// Withdrawing one frees its place.
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(ALPHA), 0));
		assert_ok!(propose_with(STRANGER, ALPHA, wholesale()));
		assert_conserved();
	});
}

#[test]
fn an_operator_has_at_most_max_proposals_open() {
	new_test_ext().execute_with(|| {
		for _ in 0..MAX_PROPOSALS {
			assert_ok!(propose_with(ALPHA, BRAVO, wholesale()));
		}
		assert_noop!(propose_with(ALPHA, CHARLIE, wholesale()), Error::<Test>::TooManyProposals);
		// Others may still propose, to ALPHA too.
		assert_ok!(propose_with(CHARLIE, ALPHA, wholesale()));
		// An accepted proposal is no longer open.
		assert_ok!(Roaming::accept_agreement(RuntimeOrigin::signed(BRAVO), 0));
		assert_ok!(propose_with(ALPHA, CHARLIE, wholesale()));
		assert_conserved();
	});
}

#[test]
fn proposing_after_the_last_id_is_refused() {
	new_test_ext().execute_with(|| {
		NextAgreementId::<Test>::put(AgreementId::MAX);
		assert_noop!(propose_with(ALPHA, BRAVO, wholesale()), Error::<Test>::NoAgreementIdLeft);
	});
}

#[test]
fn an_unsigned_proposal_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Roaming::propose_agreement(RuntimeOrigin::none(), BRAVO, wholesale()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn two_colluding_operators_cannot_hold_every_agreement_slot() {
	new_test_ext().execute_with(|| {
		// ALPHA and BRAVO propose to each other, and sign, as long as they are let.
		for _ in 0..2 * MAX_AGREEMENTS {
			let id = NextAgreementId::<Test>::get();
			if propose_with(ALPHA, BRAVO, wholesale()).is_ok() {
				let _ = Roaming::accept_agreement(RuntimeOrigin::signed(BRAVO), id);
			}
			let _ = propose_with(BRAVO, ALPHA, wholesale());
		}
		assert_eq!(AgreementsOf::<Test>::get(ALPHA), MAX_AGREEMENTS_PER_OPERATOR);
		assert_eq!(ProposalsOf::<Test>::get(ALPHA), MAX_PROPOSALS);
		assert_eq!(ProposalsOf::<Test>::get(BRAVO), MAX_PROPOSALS);
		assert!(Agreements::<Test>::count() < MAX_AGREEMENTS);
		// A third operator can still make an agreement.
		assert_ok!(propose_with(CHARLIE, BRAVO, wholesale()));
		assert_conserved();
	});
}

#[test]
fn a_validity_beyond_the_longest_allowed_is_refused() {
	new_test_ext().execute_with(|| {
		System::set_block_number(7);
		let forever = RoamingTerms { valid_until: u64::MAX, ..wholesale() };
		assert_noop!(propose_with(ALPHA, BRAVO, forever), Error::<Test>::ValidityTooLong);
		let too_long = RoamingTerms { valid_until: 7 + MAX_VALIDITY + 1, ..wholesale() };
		assert_noop!(propose_with(ALPHA, BRAVO, too_long), Error::<Test>::ValidityTooLong);
		// The longest validity counts from the proposal, wherever it starts.
		let longest = RoamingTerms { valid_until: 7 + MAX_VALIDITY, ..wholesale() };
		assert_ok!(propose_with(ALPHA, BRAVO, longest));
	});
}
