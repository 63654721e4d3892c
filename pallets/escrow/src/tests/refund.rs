//! `EscrowLedger::refund`: money back to the payer (a dispute ruling, a plan switch).

use super::*;
use crate::{Error, Event, IntentStatus};
use frame_support::{assert_noop, assert_ok};

fn refund(id: IntentId, amount: StablecoinAmount) -> sp_runtime::DispatchResult {
	<Ledger as EscrowLedger<_, _>>::refund(id, amount)
}

#[test]
fn refund_returns_part_of_the_money() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(refund(id, 3 * DOLLAR));
		assert_eq!(balance(ALICE), STARTING_BALANCE - 7 * DOLLAR);
		let record = intent(id);
		assert_eq!((record.held, record.refunded), (7 * DOLLAR, 3 * DOLLAR));
		assert_eq!(record.status, IntentStatus::Funded);
		assert_eq!(last_escrow_event(), Some(Event::Refunded { intent: id, amount: 3 * DOLLAR }));
		assert_conserved();
	});
}

#[test]
fn refunding_everything_closes_the_intent() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::release(id, DOLLAR));
		assert_ok!(refund(id, 9 * DOLLAR));
		let record = intent(id);
		assert_eq!((record.status, record.held), (IntentStatus::Refunded, 0));
		assert_eq!(<Ledger as EscrowLedger<_, _>>::held(id), Some(0));
		assert_eq!(balance(ALICE), STARTING_BALANCE - DOLLAR);
		assert_conserved();
	});
}

#[test]
fn refund_of_an_unknown_intent_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(refund(5, DOLLAR), Error::<Test>::UnknownIntent);
	});
}

#[test]
fn zero_refund_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_noop!(refund(id, 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn refund_from_a_frozen_intent_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::freeze(id));
		assert_noop!(refund(id, DOLLAR), Error::<Test>::Frozen);
	});
}

#[test]
fn refund_from_a_closed_intent_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(refund(id, DOLLAR));
		assert_noop!(refund(id, 1), Error::<Test>::AlreadyClosed);
	});
}

#[test]
fn refund_of_more_than_is_held_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_noop!(refund(id, DOLLAR + 1), Error::<Test>::InsufficientHeld);
	});
}
