//! `EscrowLedger::open`: the payer's money moves in and the intent is queued for its refund.

use super::*;
use crate::{Error, Event, ExpiryPages, IntentStatus, NextIntentId, QueuePages};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::TokenError;

fn ledger_open(
	payer: AccountId,
	amount: StablecoinAmount,
	expires_at: u64,
) -> Result<IntentId, sp_runtime::DispatchError> {
	<Ledger as EscrowLedger<_, _>>::open(&payer, &TELCO, amount, expires_at)
}

#[test]
fn opening_moves_the_money_in_and_queues_the_refund() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);

		assert_eq!(id, 0);
		assert_eq!(NextIntentId::<Test>::get(), 1);
		assert_eq!(balance(ALICE), STARTING_BALANCE - 10 * DOLLAR);
		let record = intent(id);
		assert_eq!((record.payer, record.payee), (ALICE, TELCO));
		assert_eq!((record.paid, record.held), (10 * DOLLAR, 10 * DOLLAR));
		assert_eq!((record.released, record.margin, record.refunded), (0, 0, 0));
		assert_eq!(record.status, IntentStatus::Funded);
		// Refundable from the block after expiry + grace.
		let due = 20 + GRACE + 1;
		assert_eq!(Escrow::refundable_from(20), due);
		assert_eq!(record.queued_in, slot(due, 0));
		assert_eq!(record.settlement_grace, GRACE);
		assert_eq!(listed(due), vec![id]);
		assert_eq!(<Ledger as EscrowLedger<_, _>>::held(id), Some(10 * DOLLAR));
		assert_eq!(
			last_escrow_event(),
			Some(Event::IntentFunded {
				intent: id,
				payer: ALICE,
				payee: TELCO,
				amount: 10 * DOLLAR,
				expires_at: 20
			})
		);
		assert_eq!(open(BOB, DOLLAR, 20), 1);
		assert_conserved();
	});
}

#[test]
fn amounts_below_the_minimum_balance_can_be_escrowed() {
	new_test_ext().execute_with(|| {
		// The endowment keeps the escrow account alive, so one unit is fine.
		let id = open(ALICE, 1, 20);
		assert_eq!(intent(id).held, 1);
		assert_conserved();
	});
}

#[test]
fn zero_amount_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(ledger_open(ALICE, 0, 20), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn expiry_before_the_current_block_is_refused() {
	new_test_ext().execute_with(|| {
		System::set_block_number(10);
		assert_noop!(ledger_open(ALICE, DOLLAR, 9), Error::<Test>::ExpiryInPast);
		// Expiring in the current block is allowed.
		assert_ok!(ledger_open(ALICE, DOLLAR, 10));
	});
}

#[test]
fn payer_without_the_money_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(ledger_open(NOBODY, DOLLAR, 20), TokenError::FundsUnavailable);
		assert_noop!(ledger_open(ALICE, STARTING_BALANCE + 1, 20), TokenError::FundsUnavailable);
	});
}

#[test]
fn payer_keeps_the_minimum_balance() {
	new_test_ext().execute_with(|| {
		assert_noop!(ledger_open(ALICE, STARTING_BALANCE, 20), TokenError::NotExpendable);
		assert_ok!(ledger_open(ALICE, STARTING_BALANCE - CENT, 20));
		assert_eq!(balance(ALICE), CENT);
	});
}

#[test]
fn a_full_page_starts_a_new_one_for_the_same_block() {
	new_test_ext().execute_with(|| {
		// Three intents fit on a page in the mock.
		let ids: Vec<_> = (0..4).map(|_| open(ALICE, DOLLAR, 20)).collect();
		let due = Escrow::refundable_from(20);
		assert_eq!(listed(due), ids);
		assert_eq!(intent(ids[2]).queued_in, slot(due, 0));
		assert_eq!(intent(ids[3]).queued_in, slot(due, 1));
		assert_eq!(ExpiryPages::<Test>::get(due), QueuePages { first: 0, next: 2 });
		assert_conserved();
	});
}

#[test]
fn a_crowded_block_never_keeps_an_intent_out_of_the_queue() {
	new_test_ext().execute_with(|| {
		// More intents ending in one block than sixteen blocks' lists used to hold.
		let ids: Vec<_> = (0..3 * 16 + 1).map(|_| open(ALICE, DOLLAR, 20)).collect();
		assert_eq!(ids.len(), 49);
		assert_conserved();
	});
}
