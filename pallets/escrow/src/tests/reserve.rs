//! `EscrowLedger::reserve`, `release_reserved` and `refund_reserved`: money of a settlement
//! waiting for its challenge window stays held, out of reach of releases, refunds and the
//! refund at expiry, until it is resolved.

use super::*;
use crate::{Error, Event, IntentStatus, Reserved};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{stablecoin::MIN_BALANCE, Release};

fn reserve(id: IntentId, amount: StablecoinAmount) -> sp_runtime::DispatchResult {
	<Ledger as EscrowLedger<_, _>>::reserve(id, amount)
}

fn release_reserved(
	id: IntentId,
	amount: StablecoinAmount,
) -> Result<Release, sp_runtime::DispatchError> {
	<Ledger as EscrowLedger<_, _>>::release_reserved(id, amount)
}

fn refund_reserved(id: IntentId, amount: StablecoinAmount) -> sp_runtime::DispatchResult {
	<Ledger as EscrowLedger<_, _>>::refund_reserved(id, amount)
}

fn reserved(id: IntentId) -> StablecoinAmount {
	<Ledger as EscrowLedger<_, _>>::reserved(id)
}

fn unreserved(id: IntentId) -> Option<StablecoinAmount> {
	<Ledger as EscrowLedger<_, _>>::unreserved(id)
}

#[test]
fn reserved_money_stays_held_and_out_of_reach_of_release_and_refund() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(reserve(id, 4 * DOLLAR));
		assert_eq!(
			last_escrow_event(),
			Some(Event::Reserved { intent: id, amount: 4 * DOLLAR, reserved: 4 * DOLLAR })
		);
		assert_ok!(reserve(id, DOLLAR));
		assert_eq!(
			last_escrow_event(),
			Some(Event::Reserved { intent: id, amount: DOLLAR, reserved: 5 * DOLLAR })
		);
		assert_eq!(intent(id).held, 10 * DOLLAR, "no money moved");
		assert_eq!((reserved(id), unreserved(id)), (5 * DOLLAR, Some(5 * DOLLAR)));

		for amount in [5 * DOLLAR + 1, 10 * DOLLAR] {
			assert_noop!(
				<Ledger as EscrowLedger<_, _>>::release(id, amount),
				Error::<Test>::InsufficientHeld
			);
			assert_noop!(
				<Ledger as EscrowLedger<_, _>>::refund(id, amount),
				Error::<Test>::InsufficientHeld
			);
			assert_noop!(reserve(id, amount), Error::<Test>::InsufficientHeld);
		}
		// What is not reserved still moves.
		assert_ok!(<Ledger as EscrowLedger<_, _>>::release(id, 5 * DOLLAR));
		assert_eq!(
			(intent(id).held, reserved(id), unreserved(id)),
			(5 * DOLLAR, 5 * DOLLAR, Some(0))
		);
		assert_conserved();
	});
}

#[test]
fn release_reserved_pays_the_operator_less_the_margin() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(reserve(id, 4 * DOLLAR));
		// 5 % margin.
		assert_eq!(
			release_reserved(id, 3 * DOLLAR),
			Ok(Release { to_payee: 2_850_000, margin: 150_000 })
		);
		assert_eq!((balance(TELCO), balance(TREASURY)), (2_850_000, MIN_BALANCE + 150_000));
		let record = intent(id);
		assert_eq!((record.held, reserved(id)), (7 * DOLLAR, DOLLAR));
		assert_eq!(record.status, IntentStatus::PartiallyReleased);
		assert_eq!(
			last_escrow_event(),
			Some(Event::Released { intent: id, to_payee: 2_850_000, margin: 150_000 })
		);
		// The last reserved unit leaves the map empty.
		assert_ok!(release_reserved(id, DOLLAR));
		assert!(!Reserved::<Test>::contains_key(id));
		assert_conserved();
	});
}

#[test]
fn refund_reserved_returns_the_money_to_the_payer() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(reserve(id, 4 * DOLLAR));
		assert_ok!(refund_reserved(id, 4 * DOLLAR));
		assert_eq!(balance(ALICE), STARTING_BALANCE - 6 * DOLLAR);
		assert_eq!(
			(intent(id).held, intent(id).refunded, reserved(id)),
			(6 * DOLLAR, 4 * DOLLAR, 0)
		);
		assert_eq!(last_escrow_event(), Some(Event::Refunded { intent: id, amount: 4 * DOLLAR }));
		assert_conserved();
	});
}

#[test]
fn the_refund_at_expiry_leaves_reserved_money_until_it_is_released() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(reserve(id, 3 * DOLLAR));
		run_to_block(Escrow::refundable_from(20));

		// Only the unreserved 7 went back; the intent stays with the reserved 3.
		assert_eq!(balance(ALICE), STARTING_BALANCE - 3 * DOLLAR);
		let record = intent(id);
		assert_eq!(
			(record.held, record.refunded, record.queued_in),
			(3 * DOLLAR, 7 * DOLLAR, None)
		);
		assert!(!escrow_events().iter().any(|e| matches!(e, Event::IntentClosed { .. })));
		assert_conserved();
		// Nothing is left to refund by hand either.
		assert_noop!(
			Escrow::refund_expired(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::HeldForSettlement
		);
		// Releases after the refund time are refused, a reserved settlement still pays.
		assert_noop!(<Ledger as EscrowLedger<_, _>>::release(id, 1), Error::<Test>::Expired);
		assert_noop!(reserve(id, 1), Error::<Test>::Expired);
		assert_ok!(release_reserved(id, DOLLAR));
		assert_eq!(intent(id).held, 2 * DOLLAR);

		// The last reserved money to leave closes it, with its totals.
		assert_ok!(release_reserved(id, 2 * DOLLAR));
		assert!(crate::Intents::<Test>::get(id).is_none());
		assert_eq!(
			last_escrow_event(),
			Some(Event::IntentClosed {
				intent: id,
				paid: 10 * DOLLAR,
				released: 2_850_000,
				margin: 150_000,
				refunded: 7 * DOLLAR,
			})
		);
		assert_conserved();
	});
}

#[test]
fn a_reserved_refund_after_expiry_closes_the_intent_too() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(reserve(id, 10 * DOLLAR));
		run_to_block(Escrow::refundable_from(20) + 1);
		assert_eq!(intent(id).held, 10 * DOLLAR, "all of it is reserved");
		assert_ok!(refund_reserved(id, 10 * DOLLAR));
		assert!(crate::Intents::<Test>::get(id).is_none());
		assert_eq!(balance(ALICE), STARTING_BALANCE);
		assert_conserved();
	});
}

#[test]
fn a_frozen_intent_moves_no_reserved_money() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(reserve(id, 4 * DOLLAR));
		assert_ok!(<Ledger as EscrowLedger<_, _>>::freeze(id));
		assert_noop!(release_reserved(id, DOLLAR), Error::<Test>::Frozen);
		assert_noop!(refund_reserved(id, DOLLAR), Error::<Test>::Frozen);
		assert_noop!(reserve(id, DOLLAR), Error::<Test>::Frozen);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::thaw(id));
		assert_ok!(release_reserved(id, DOLLAR));
		assert_conserved();
	});
}

#[test]
fn bad_reservations_are_refused_by_name_and_change_nothing() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_noop!(reserve(id, 0), Error::<Test>::ZeroAmount);
		assert_noop!(reserve(id + 1, DOLLAR), Error::<Test>::UnknownIntent);
		assert_noop!(reserve(id, 10 * DOLLAR + 1), Error::<Test>::InsufficientHeld);
		assert_noop!(release_reserved(id, 0), Error::<Test>::ZeroAmount);
		assert_noop!(release_reserved(id, 1), Error::<Test>::InsufficientReserved);
		assert_noop!(refund_reserved(id, 1), Error::<Test>::InsufficientReserved);
		assert_noop!(release_reserved(id + 1, 1), Error::<Test>::UnknownIntent);
		assert_ok!(reserve(id, DOLLAR));
		assert_noop!(release_reserved(id, DOLLAR + 1), Error::<Test>::InsufficientReserved);
		assert_noop!(refund_reserved(id, DOLLAR + 1), Error::<Test>::InsufficientReserved);
		assert_conserved();
	});
}
