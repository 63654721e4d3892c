//! `refund_expired`: anyone settles an intent whose expiry and grace have passed.

use super::*;
use crate::{Error, Event, Intents};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};
use gesim_primitives::stablecoin::{ASSET_ID, MIN_BALANCE};
use sp_runtime::DispatchError;

#[test]
fn refund_returns_what_is_held_and_removes_the_intent() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::release(id, 4 * DOLLAR));
		let due = Escrow::refundable_from(20);
		System::set_block_number(due);

		let post = Escrow::refund_expired(RuntimeOrigin::signed(BOB), id).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		assert!(Intents::<Test>::get(id).is_none());
		assert!(listed(due).is_empty());
		assert_eq!(balance(ALICE), STARTING_BALANCE - 4 * DOLLAR);
		let events = escrow_events();
		assert_eq!(
			events[events.len() - 2..],
			[
				Event::Refunded { intent: id, amount: 6 * DOLLAR },
				Event::IntentClosed {
					intent: id,
					paid: 10 * DOLLAR,
					released: 3_800_000,
					margin: 200_000,
					refunded: 6 * DOLLAR
				},
			]
		);
		assert_conserved();
	});
}

#[test]
fn a_closed_intent_is_removed_without_a_refund() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::refund(id, DOLLAR));
		System::set_block_number(Escrow::refundable_from(20));
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(BOB), id));
		assert!(Intents::<Test>::get(id).is_none());
		assert_eq!(
			last_escrow_event(),
			Some(Event::IntentClosed {
				intent: id,
				paid: DOLLAR,
				released: 0,
				margin: 0,
				refunded: DOLLAR
			})
		);
		assert_conserved();
	});
}

#[test]
fn dust_a_payer_without_stablecoin_cannot_take_goes_to_the_treasury() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		// Everything but half a cent is used, and ALICE spends all she has left.
		assert_ok!(<Ledger as EscrowLedger<_, _>>::release(id, DOLLAR - CENT / 2));
		let rest = balance(ALICE);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), ASSET_ID, BOB, rest));
		assert_eq!(balance(ALICE), 0);
		let treasury_before = balance(TREASURY);

		System::set_block_number(Escrow::refundable_from(20));
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(BOB), id));
		assert_eq!(balance(TREASURY), treasury_before + CENT / 2);
		assert!(escrow_events().contains(&Event::DustSwept { intent: id, amount: CENT / 2 }));
		assert_eq!(balance(Escrow::account_id()), MIN_BALANCE);
		assert_conserved();
	});
}

#[test]
fn refund_before_the_grace_has_passed_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		System::set_block_number(20 + GRACE);
		assert_noop!(
			Escrow::refund_expired(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotExpired
		);
	});
}

#[test]
fn refund_of_an_unknown_intent_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Escrow::refund_expired(RuntimeOrigin::signed(BOB), 11),
			Error::<Test>::UnknownIntent
		);
	});
}

#[test]
fn refund_of_a_frozen_intent_is_refused() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(<Ledger as EscrowLedger<_, _>>::freeze(id));
		System::set_block_number(Escrow::refundable_from(20));
		assert_noop!(Escrow::refund_expired(RuntimeOrigin::signed(BOB), id), Error::<Test>::Frozen);
	});
}

#[test]
fn refund_needs_a_signed_origin() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		System::set_block_number(Escrow::refundable_from(20));
		assert_noop!(Escrow::refund_expired(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
	});
}

#[test]
fn refund_to_a_blocked_payer_fails_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(Assets::block(RuntimeOrigin::signed(ISSUER), ASSET_ID, ALICE));
		System::set_block_number(Escrow::refundable_from(20));
		assert_noop!(
			Escrow::refund_expired(RuntimeOrigin::signed(BOB), id),
			sp_runtime::TokenError::Blocked
		);
	});
}
