//! `EscrowLedger::end_early` and `settlement_deadline`: an entitlement ended before its expiry
//! keeps its escrow for the settlement grace, then is refunded.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};

fn end_early(id: IntentId, expires_at: u64) -> sp_runtime::DispatchResult {
	<Ledger as EscrowLedger<_, _>>::end_early(id, expires_at)
}

fn deadline(id: IntentId) -> Option<u64> {
	<Ledger as EscrowLedger<_, _>>::settlement_deadline(id)
}

#[test]
fn ending_early_moves_the_refund_forward_and_keeps_the_grace() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 100);
		assert_eq!(deadline(id), Some(100 + GRACE));
		System::set_block_number(10);
		assert_ok!(end_early(id, 9));

		let record = intent(id);
		assert_eq!(record.expires_at, 9);
		assert_eq!(record.queued_in, slot(9 + GRACE + 1, 0));
		assert!(listed(100 + GRACE + 1).is_empty());
		assert_eq!(deadline(id), Some(9 + GRACE));
		assert_eq!(
			last_escrow_event(),
			Some(Event::IntentEndedEarly { intent: id, expires_at: 9 })
		);
		assert_conserved();

		// Usage proved within the grace is still paid; the rest comes back after it.
		System::set_block_number(9 + GRACE);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::release(id, 4 * DOLLAR));
		run_to_block(9 + GRACE + 1);
		assert_eq!(balance(ALICE), STARTING_BALANCE - 4 * DOLLAR);
		assert_eq!(deadline(id), None);
		assert_conserved();
	});
}

#[test]
fn the_grace_is_the_one_the_intent_was_opened_with() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 100);
		let mut record = intent(id);
		// As if the grace had been longer when it was opened.
		record.settlement_grace = GRACE * 4;
		crate::Intents::<Test>::insert(id, record);
		assert_eq!(deadline(id), Some(100 + GRACE * 4));
		assert_ok!(end_early(id, 50));
		assert_eq!(intent(id).queued_in, slot(50 + GRACE * 4 + 1, 0));
	});
}

#[test]
fn a_later_expiry_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_noop!(end_early(id, 21), Error::<Test>::ExpiryNotEarlier);
	});
}

#[test]
fn a_frozen_intent_is_not_ended() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::freeze(id));
		assert_noop!(end_early(id, 10), Error::<Test>::Frozen);
	});
}

#[test]
fn an_unknown_intent_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(end_early(7, 10), Error::<Test>::UnknownIntent);
		assert_eq!(deadline(7), None);
	});
}
