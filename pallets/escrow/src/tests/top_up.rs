//! `EscrowLedger::top_up`: more money into an intent, and a later expiry if asked.

use super::*;
use crate::{Error, Event, IntentStatus};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::TokenError;

fn top_up(id: IntentId, amount: StablecoinAmount, expires_at: u64) -> sp_runtime::DispatchResult {
	<Ledger as EscrowLedger<_, _>>::top_up(id, amount, expires_at)
}

#[test]
fn top_up_adds_money_and_keeps_an_earlier_expiry() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(top_up(id, 5 * DOLLAR, 15));

		let record = intent(id);
		assert_eq!((record.paid, record.held), (15 * DOLLAR, 15 * DOLLAR));
		assert_eq!(record.expires_at, 20);
		assert_eq!(record.queued_in, slot(Escrow::refundable_from(20), 0));
		assert_eq!(balance(ALICE), STARTING_BALANCE - 15 * DOLLAR);
		assert_eq!(
			last_escrow_event(),
			Some(Event::IntentToppedUp { intent: id, amount: 5 * DOLLAR, expires_at: 20 })
		);
		assert_conserved();
	});
}

#[test]
fn top_up_with_a_later_expiry_moves_the_intent_in_the_queue() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		let (old, new) = (Escrow::refundable_from(20), Escrow::refundable_from(50));
		assert_ok!(top_up(id, DOLLAR, 50));

		let record = intent(id);
		assert_eq!((record.expires_at, record.queued_in), (50, slot(new, 0)));
		assert!(listed(old).is_empty());
		assert_eq!(listed(new), vec![id]);
		// Not refunded at the old time.
		run_to_block(old);
		assert_eq!(intent(id).held, 11 * DOLLAR);
		assert_conserved();
	});
}

#[test]
fn top_up_reopens_an_intent_whose_money_was_all_released() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::release(id, 10 * DOLLAR));
		assert_eq!(intent(id).status, IntentStatus::Released);

		assert_ok!(top_up(id, DOLLAR, 20));
		let record = intent(id);
		assert_eq!(record.status, IntentStatus::PartiallyReleased);
		assert_eq!(record.held, DOLLAR);
		assert_conserved();
	});
}

#[test]
fn top_up_of_an_unknown_intent_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(top_up(7, DOLLAR, 20), Error::<Test>::UnknownIntent);
	});
}

#[test]
fn zero_top_up_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_noop!(top_up(id, 0, 30), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn top_up_of_a_frozen_intent_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::freeze(id));
		assert_noop!(top_up(id, DOLLAR, 30), Error::<Test>::Frozen);
	});
}

#[test]
fn top_up_after_the_refund_time_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		let due = Escrow::refundable_from(20);
		// Within the grace it still works.
		System::set_block_number(due - 1);
		assert_ok!(top_up(id, DOLLAR, 20));
		System::set_block_number(due);
		assert_noop!(top_up(id, DOLLAR, 60), Error::<Test>::Expired);
	});
}

#[test]
fn top_up_the_payer_cannot_afford_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_noop!(top_up(id, STARTING_BALANCE, 20), TokenError::FundsUnavailable);
	});
}
