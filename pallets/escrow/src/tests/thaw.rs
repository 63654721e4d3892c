//! `EscrowLedger::thaw`: a ruled dispute lets the intent move money again.

use super::*;
use crate::{Error, Event, IntentStatus};
use frame_support::{assert_noop, assert_ok};

fn thaw(id: IntentId) -> sp_runtime::DispatchResult {
	<Ledger as EscrowLedger<_, _>>::thaw(id)
}

#[test]
fn thawing_restores_the_status_and_the_refund() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::release(id, DOLLAR));
		assert_ok!(<Ledger as EscrowLedger<_, _>>::freeze(id));
		assert_ok!(thaw(id));

		let record = intent(id);
		assert_eq!(record.status, IntentStatus::PartiallyReleased);
		assert_eq!(record.queued_in, slot(Escrow::refundable_from(20), 0));
		assert_eq!(last_escrow_event(), Some(Event::Thawed { intent: id }));
		assert_conserved();
	});
}

#[test]
fn an_intent_thawed_after_its_refund_time_is_refunded_at_the_next_idle() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::freeze(id));
		let due = Escrow::refundable_from(20);
		run_to_block(due + 5);
		assert_ok!(thaw(id));
		assert_eq!(intent(id).status, IntentStatus::Funded);
		// Queued behind the cursor would be lost: it goes to the cursor's bucket or later.
		assert!(intent(id).queued_in.unwrap().bucket <= due + 6);
		run_to_block(due + 6);
		assert!(crate::Intents::<Test>::get(id).is_none());
		assert_eq!(balance(ALICE), STARTING_BALANCE);
		assert_conserved();
	});
}

#[test]
fn thawing_an_unknown_intent_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(thaw(9), Error::<Test>::UnknownIntent);
	});
}

#[test]
fn thawing_an_intent_that_is_not_frozen_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_noop!(thaw(id), Error::<Test>::NotFrozen);
	});
}
