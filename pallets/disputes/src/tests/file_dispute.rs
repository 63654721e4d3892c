//! `file_dispute`: who may dispute what, until when, and what filing freezes and costs.

use super::mock::*;
use crate::{Dispute, DisputeSubject, Error, Event, Frozen, NextDisputeId, OpenDisputes};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_runtime::DispatchError;

const EVIDENCE: H256 = H256::repeat_byte(0xEE);

fn file(who: AccountId, subject: DisputeSubject<AccountId>) -> sp_runtime::DispatchResult {
	Disputes::file_dispute(RuntimeOrigin::signed(who), subject, EVIDENCE)
}

const ON_ENTITLEMENT: DisputeSubject<AccountId> = DisputeSubject::Entitlement(ENTITLEMENT);
const ON_HELD: DisputeSubject<AccountId> =
	DisputeSubject::HeldSettlement { telco: TELCO, nonce: NONCE };
const ON_BOOKING: DisputeSubject<AccountId> =
	DisputeSubject::RoamingBooking { agreement: AGREEMENT, visited: TELCO, amount: BOOKED };

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
				entitlement: Some(ENTITLEMENT),
				claimant: HOLDER,
				respondent: TELCO,
				frozen: Some(Frozen::Intent(INTENT)),
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
				entitlement: Some(ENTITLEMENT),
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
		assert_eq!(OpenDisputes::<Test>::get(0).unwrap().frozen, None);
		assert_noop!(file(TELCO, ON_ENTITLEMENT), Error::<Test>::AlreadyDisputed);
	});
}

#[test]
fn the_home_operator_disputes_a_roaming_booking_which_keeps_the_agreement_out_of_netting() {
	new_test_ext().execute_with(|| {
		assert_ok!(file(HOME, ON_BOOKING));
		assert_eq!(world(|w| w.disputed_agreements.clone()), vec![AGREEMENT]);
		assert_eq!(balance(HOME), STARTING_BALANCE - DEPOSIT);
		let record = OpenDisputes::<Test>::get(0).unwrap();
		assert_eq!((record.claimant, record.respondent), (HOME, TELCO));
		assert_eq!((record.entitlement, record.frozen), (None, Some(Frozen::Agreement(AGREEMENT))));
		// One dispute per agreement at a time: the roaming ledger refuses a second freeze.
		assert_noop!(file(HOME, ON_BOOKING), DispatchError::Other("AlreadyDisputed"));
	});
}

#[test]
fn only_the_home_operator_disputes_a_booking_and_only_what_is_booked() {
	new_test_ext().execute_with(|| {
		let booking = |agreement, amount| DisputeSubject::RoamingBooking {
			agreement,
			visited: TELCO,
			amount,
		};
		assert_noop!(file(TELCO, ON_BOOKING), Error::<Test>::NotAParty);
		assert_noop!(file(HOLDER, ON_BOOKING), Error::<Test>::NotAParty);
		assert_noop!(file(HOME, booking(AGREEMENT + 1, 1)), Error::<Test>::UnknownBooking);
		assert_noop!(file(HOME, booking(AGREEMENT, 0)), Error::<Test>::AmountNotBooked);
		assert_noop!(file(HOME, booking(AGREEMENT, BOOKED + 1)), Error::<Test>::AmountNotBooked);
		assert_ok!(file(HOME, booking(AGREEMENT, BOOKED)));
	});
}
