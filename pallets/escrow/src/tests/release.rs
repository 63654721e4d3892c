//! `EscrowLedger::release`: proved usage pays the operator, less the margin for the treasury.

use super::*;
use crate::{margin_of, Error, Event, IntentStatus};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{stablecoin::MIN_BALANCE, Release};
use sp_runtime::TokenError;

fn release(id: IntentId, amount: StablecoinAmount) -> Result<Release, sp_runtime::DispatchError> {
	<Ledger as EscrowLedger<_, _>>::release(id, amount)
}

#[test]
fn release_pays_the_operator_and_the_margin_to_the_treasury() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		// 5 % margin at genesis.
		let split = release(id, 4 * DOLLAR).unwrap();
		assert_eq!(split, Release { to_payee: 3_800_000, margin: 200_000 });
		assert_eq!(balance(TELCO), 3_800_000);
		assert_eq!(balance(TREASURY), MIN_BALANCE + 200_000);

		let record = intent(id);
		assert_eq!(record.status, IntentStatus::PartiallyReleased);
		assert_eq!((record.held, record.released, record.margin), (6 * DOLLAR, 3_800_000, 200_000));
		assert_eq!(
			last_escrow_event(),
			Some(Event::Released { intent: id, to_payee: 3_800_000, margin: 200_000 })
		);
		assert_conserved();
	});
}

#[test]
fn releasing_everything_closes_the_intent_until_its_refund_time() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(release(id, 10 * DOLLAR));
		let record = intent(id);
		assert_eq!((record.status, record.held), (IntentStatus::Released, 0));
		assert_conserved();

		// At its refund time it is removed, with its totals and no refund.
		run_to_block(Escrow::refundable_from(20));
		assert!(crate::Intents::<Test>::get(id).is_none());
		let events = escrow_events();
		assert!(!events.iter().any(|e| matches!(e, Event::Refunded { .. })));
		assert_eq!(
			events.last(),
			Some(&Event::IntentClosed {
				intent: id,
				paid: 10 * DOLLAR,
				released: 9_500_000,
				margin: 500_000,
				refunded: 0
			})
		);
		assert_conserved();
	});
}

#[test]
fn margin_is_rounded_down_in_the_operators_favour() {
	assert_eq!(margin_of(19, 500), Some(0));
	assert_eq!(margin_of(10_001, 500), Some(500));
	assert_eq!(margin_of(39_999, 2_500), Some(9_999));
	assert_eq!(margin_of(1_000_000, 0), Some(0));
	assert_eq!(margin_of(1_000_000, 10_000), Some(1_000_000));
	// No overflow on the way, for any amount.
	assert_eq!(margin_of(u128::MAX, 10_000), Some(u128::MAX));
	assert_eq!(margin_of(u128::MAX, 1), Some(u128::MAX / 10_000));
	assert_eq!(margin_of(u128::MAX, 5_000), Some(u128::MAX / 2));
}

#[test]
fn small_releases_keep_the_whole_amount_for_the_operator() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(release(id, DOLLAR));
		// 19 units at 5 %: 0.95 of a unit of margin rounds to nothing.
		assert_eq!(release(id, 19).unwrap(), Release { to_payee: 19, margin: 0 });
		assert_conserved();
	});
}

#[test]
fn release_of_an_unknown_intent_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(release(3, DOLLAR), Error::<Test>::UnknownIntent);
	});
}

#[test]
fn zero_release_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_noop!(release(id, 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn release_from_a_frozen_intent_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::freeze(id));
		assert_noop!(release(id, DOLLAR), Error::<Test>::Frozen);
	});
}

#[test]
fn release_from_a_closed_intent_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::refund(id, DOLLAR));
		assert_noop!(release(id, 1), Error::<Test>::AlreadyClosed);
	});
}

#[test]
fn release_of_more_than_is_held_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_noop!(release(id, DOLLAR + 1), Error::<Test>::InsufficientHeld);
	});
}

#[test]
fn release_below_the_minimum_to_an_operator_without_stablecoin_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		// TELCO holds no stablecoin yet and 0.95 cent cannot open an account.
		assert_noop!(release(id, CENT), TokenError::BelowMinimum);
	});
}

#[test]
fn release_is_allowed_until_the_last_block_of_the_grace() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		System::set_block_number(20 + GRACE);
		assert_ok!(release(id, DOLLAR));
		assert_conserved();
	});
}

#[test]
fn a_release_after_the_refund_time_is_refused_even_before_the_refund_runs() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		let due = Escrow::refundable_from(20);
		System::set_block_number(due - 1);
		assert_ok!(release(id, DOLLAR));
		// `on_idle` has not reached the intent yet: its refund time decides, not the queue.
		System::set_block_number(due);
		assert_noop!(release(id, DOLLAR), Error::<Test>::Expired);
	});
}
