//! `EscrowLedger::freeze`: a dispute stops every movement of an intent's money.

use super::*;
use crate::{Error, Event, IntentStatus};
use frame_support::{assert_noop, assert_ok};

fn freeze(id: IntentId) -> sp_runtime::DispatchResult {
	<Ledger as EscrowLedger<_, _>>::freeze(id)
}

#[test]
fn freezing_takes_the_intent_out_of_the_expiry_queue() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		let due = Escrow::refundable_from(20);
		assert_ok!(freeze(id));

		let record = intent(id);
		assert_eq!((record.status, record.queued_in), (IntentStatus::Frozen, None));
		assert!(listed(due).is_empty());
		assert_eq!(last_escrow_event(), Some(Event::Frozen { intent: id }));

		// Long past its refund time, nothing moved.
		run_to_block(due + 10);
		assert_eq!(intent(id).held, 10 * DOLLAR);
		assert_eq!(balance(ALICE), STARTING_BALANCE - 10 * DOLLAR);
		assert_noop!(Escrow::refund_expired(RuntimeOrigin::signed(BOB), id), Error::<Test>::Frozen);
		assert_conserved();
	});
}

#[test]
fn freezing_an_unknown_intent_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(freeze(1), Error::<Test>::UnknownIntent);
	});
}

#[test]
fn freezing_twice_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(freeze(id));
		assert_noop!(freeze(id), Error::<Test>::AlreadyFrozen);
	});
}

#[test]
fn freezing_a_closed_intent_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::release(id, DOLLAR));
		assert_noop!(freeze(id), Error::<Test>::AlreadyClosed);
	});
}
