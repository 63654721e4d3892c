//! `file_dispute`: who may dispute what, until when, and what filing freezes and costs.

use super::mock::*;
use crate::{Dispute, DisputeSubject, Error, Event, NextDisputeId, OpenDisputes};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;

const EVIDENCE: H256 = H256::repeat_byte(0xEE);

fn file(who: AccountId, subject: DisputeSubject<AccountId>) -> sp_runtime::DispatchResult {
	Disputes::file_dispute(RuntimeOrigin::signed(who), subject, EVIDENCE)
}

const ON_ENTITLEMENT: DisputeSubject<AccountId> = DisputeSubject::Entitlement(ENTITLEMENT);
const ON_HELD: DisputeSubject<AccountId> =
	DisputeSubject::HeldSettlement { telco: TELCO, nonce: NONCE };

#[test]
fn the_holder_disputes_an_entitlement_which_freezes_its_escrow_and_costs_the_deposit() {
	new_test_ext().execute_with(|| {
		assert_ok!(file(HOLDER, ON_ENTITLEMENT));
		assert_eq!(world(|w| w.frozen.clone()), vec![INTENT]);
		assert_eq!(balance(HOLDER), STARTING_BALANCE - DEPOSIT);
		assert_eq!(balance(Disputes::account_id()), DEPOSIT);
		assert_eq!(
			OpenDisputes::<Test>::get(0),
			Some(Dispute {
				filer: HOLDER,
				subject: ON_ENTITLEMENT,
				entitlement: ENTITLEMENT,
				holder: HOLDER,
				telco: TELCO,
				intent: INTENT,
				frozen: true,
				evidence: EVIDENCE,
				deposit: DEPOSIT,
				filed_at: 1,
			})
		);
		assert_eq!(NextDisputeId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			Event::DisputeFiled {
				dispute: 0,
				filer: HOLDER,
				subject: ON_ENTITLEMENT,
				entitlement: ENTITLEMENT,
				evidence: EVIDENCE,
			}
		);
	});
}

#[test]
fn the_serving_operator_may_dispute_an_entitlement_too_but_nobody_else() {
	new_test_ext().execute_with(|| {
		assert_noop!(file(STRANGER, ON_ENTITLEMENT), Error::<Test>::NotAParty);
		assert_ok!(file(TELCO, ON_ENTITLEMENT));
		assert_eq!(balance(TELCO), STARTING_BALANCE - DEPOSIT);
	});
}

#[test]
fn an_entitlement_can_be_disputed_until_the_dispute_window_after_it_ends() {
	new_test_ext().execute_with(|| {
		System::set_block_number(EXPIRES_AT + DISPUTE_WINDOW + 1);
		assert_noop!(file(HOLDER, ON_ENTITLEMENT), Error::<Test>::DisputeWindowClosed);
		System::set_block_number(EXPIRES_AT + DISPUTE_WINDOW);
		assert_ok!(file(HOLDER, ON_ENTITLEMENT));
	});
}

#[test]
fn one_dispute_at_a_time_per_entitlement() {
	new_test_ext().execute_with(|| {
		assert_ok!(file(HOLDER, ON_ENTITLEMENT));
		assert_noop!(file(TELCO, ON_ENTITLEMENT), Error::<Test>::AlreadyDisputed);
		assert_noop!(file(HOLDER, ON_HELD), Error::<Test>::AlreadyDisputed);
	});
}

#[test]
fn the_holder_disputes_a_held_settlement_inside_its_challenge_window() {
	new_test_ext().execute_with(|| {
		assert_noop!(file(TELCO, ON_HELD), Error::<Test>::NotAParty);
		assert_noop!(file(STRANGER, ON_HELD), Error::<Test>::NotAParty);
		assert_noop!(
			file(HOLDER, DisputeSubject::HeldSettlement { telco: TELCO, nonce: NONCE + 1 }),
			Error::<Test>::UnknownHeldSettlement
		);
		System::set_block_number(RELEASES_AT);
		assert_noop!(file(HOLDER, ON_HELD), Error::<Test>::ChallengeWindowClosed);
		System::set_block_number(RELEASES_AT - 1);
		assert_ok!(file(HOLDER, ON_HELD));
		assert_eq!(world(|w| w.frozen.clone()), vec![INTENT]);
		assert_eq!(OpenDisputes::<Test>::get(0).unwrap().subject, ON_HELD);
	});
}

#[test]
fn bad_filings_are_refused_by_name_and_change_nothing() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			file(HOLDER, DisputeSubject::Entitlement(ENTITLEMENT + 1)),
			Error::<Test>::UnknownEntitlement
		);
		// A filer who cannot put down the deposit: nothing frozen, nothing stored.
		world(|w| w.entitlements.get_mut(&ENTITLEMENT).unwrap().holder = PAUPER);
		assert!(file(PAUPER, ON_ENTITLEMENT).is_err());
		assert!(world(|w| w.frozen.is_empty()));
		assert_eq!(NextDisputeId::<Test>::get(), 0);
	});
}

#[test]
fn an_entitlement_whose_money_was_all_paid_out_is_disputed_without_a_freeze() {
	new_test_ext().execute_with(|| {
		world(|w| w.held.insert(INTENT, 0));
		assert_ok!(file(HOLDER, ON_ENTITLEMENT));
		assert!(world(|w| w.frozen.is_empty()), "nothing left to freeze");
		assert!(!OpenDisputes::<Test>::get(0).unwrap().frozen);
		assert_noop!(file(TELCO, ON_ENTITLEMENT), Error::<Test>::AlreadyDisputed);
	});
}
