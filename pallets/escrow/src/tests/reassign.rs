//! `EscrowLedger::reassign`: a ruling moves the payer's money from one intent into a new one
//! for another operator, without it leaving the escrow account.

use super::*;
use crate::{Error, Event, IntentStatus};
use frame_support::{assert_noop, assert_ok};

const OTHER_TELCO: AccountId = 11;

fn reassign(
	id: IntentId,
	amount: StablecoinAmount,
	expires_at: u64,
) -> Result<IntentId, sp_runtime::DispatchError> {
	<Escrow as EscrowLedger<_, _>>::reassign(id, amount, &ALICE, &OTHER_TELCO, expires_at)
}

#[test]
fn the_money_moves_into_a_new_intent_of_the_same_payer_and_both_keep_their_totals() {
	new_test_ext().execute_with(|| {
		let from = open(ALICE, 10 * DOLLAR, 20);
		let (alice, account) = (balance(ALICE), balance(Escrow::account_id()));

		let to = reassign(from, 6 * DOLLAR, 40).expect("reassigned");

		assert_eq!((balance(ALICE), balance(Escrow::account_id())), (alice, account));
		let old = intent(from);
		assert_eq!((old.held, old.refunded, old.paid), (4 * DOLLAR, 6 * DOLLAR, 10 * DOLLAR));
		let new = intent(to);
		assert_eq!((new.payer, new.payee), (ALICE, OTHER_TELCO));
		assert_eq!((new.paid, new.held, new.expires_at), (6 * DOLLAR, 6 * DOLLAR, 40));
		assert_eq!(new.status, IntentStatus::Funded);
		assert!(new.queued_in.is_some(), "refunded after its own expiry");
		assert_eq!(
			last_escrow_event(),
			Some(Event::Reassigned { from, to, payer: ALICE, amount: 6 * DOLLAR })
		);
		Escrow::do_check_invariants().expect("conserved");

		// Everything: the old intent is done.
		assert_ok!(reassign(from, 4 * DOLLAR, 40));
		assert_eq!(intent(from).status, IntentStatus::Refunded);
		Escrow::do_check_invariants().expect("conserved");
	});
}

#[test]
fn reserved_frozen_expired_and_unknown_money_is_not_reassigned() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_noop!(reassign(id, 0, 40), Error::<Test>::ZeroAmount);
		assert_noop!(reassign(id + 1, DOLLAR, 40), Error::<Test>::UnknownIntent);
		assert_ok!(<Escrow as EscrowLedger<_, _>>::reserve(id, 7 * DOLLAR));
		assert_noop!(reassign(id, 3 * DOLLAR + 1, 40), Error::<Test>::InsufficientHeld);
		assert_noop!(reassign(id, DOLLAR, 0), Error::<Test>::ExpiryInPast);
		assert_ok!(<Escrow as EscrowLedger<_, _>>::freeze(id));
		assert_noop!(reassign(id, DOLLAR, 40), Error::<Test>::Frozen);
		assert_ok!(<Escrow as EscrowLedger<_, _>>::thaw(id));
		System::set_block_number(20 + GRACE + 1);
		assert_noop!(reassign(id, DOLLAR, 40), Error::<Test>::Expired);
	});
}

#[test]
fn money_reassigned_to_another_payer_is_refunded_to_that_payer() {
	new_test_ext().execute_with(|| {
		let from = open(ALICE, 10 * DOLLAR, 20);
		let to = <Escrow as EscrowLedger<_, _>>::reassign(from, 4 * DOLLAR, &BOB, &TELCO, 20)
			.expect("reassigned");
		assert_eq!(intent(to).payer, BOB);
		assert_eq!(
			last_escrow_event(),
			Some(Event::Reassigned { from, to, payer: BOB, amount: 4 * DOLLAR })
		);
		assert_ok!(<Escrow as EscrowLedger<_, _>>::release(to, DOLLAR));
		System::set_block_number(Escrow::refundable_from(20));
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(ALICE), to));
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(ALICE), from));
		// Alice gets back only what stayed in her intent; Bob what his share left unused.
		assert_eq!(balance(ALICE), STARTING_BALANCE - 4 * DOLLAR);
		assert_eq!(balance(BOB), STARTING_BALANCE + 3 * DOLLAR);
		Escrow::do_check_invariants().expect("conserved");
	});
}
