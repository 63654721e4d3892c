//! `on_idle`: due intents are refunded from the expiry queue, within weight and count limits.

use super::*;
use crate::{Event, ExpiryCursor, Intents, WeightInfo};
use frame_support::{assert_ok, traits::Hooks, weights::Weight};
use gesim_primitives::stablecoin::ASSET_ID;

/// Idle weight for visiting one bucket and its first page, and refunding `n` intents on it.
fn budget(n: u64) -> Weight {
	let db: RuntimeDbWeight = <Test as frame_system::Config>::DbWeight::get();
	let base = db.reads(1);
	base.saturating_add(<() as WeightInfo>::on_idle_bucket().saturating_mul(2))
		.saturating_add(<() as WeightInfo>::on_idle_refund().saturating_mul(n))
}

use frame_support::{traits::Get, weights::RuntimeDbWeight};

#[test]
fn intents_are_refunded_at_their_refund_time_and_not_before() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		let due = Escrow::refundable_from(20);
		run_to_block(due - 1);
		assert_eq!(intent(id).held, 10 * DOLLAR);

		run_to_block(due);
		assert!(Intents::<Test>::get(id).is_none());
		assert_eq!(balance(ALICE), STARTING_BALANCE);
		assert_eq!(ExpiryCursor::<Test>::get(), Some(due + 1));
		assert!(escrow_events().contains(&Event::Refunded { intent: id, amount: 10 * DOLLAR }));
		assert_conserved();
	});
}

#[test]
fn at_most_max_refunds_per_block_are_made() {
	new_test_ext().execute_with(|| {
		// Three per bucket: 20 → due, 21 → due + 1.
		let first: Vec<_> = (0..3).map(|_| open(ALICE, DOLLAR, 20)).collect();
		let second: Vec<_> = (0..3).map(|_| open(BOB, DOLLAR, 21)).collect();
		let due = Escrow::refundable_from(20);
		System::set_block_number(due + 1);

		Escrow::on_idle(due + 1, Weight::MAX);
		// Four refunds: all of the first bucket and one of the second.
		assert!(first.iter().all(|id| Intents::<Test>::get(id).is_none()));
		assert!(Intents::<Test>::get(second[0]).is_none());
		assert_eq!(listed(due + 1), second[1..].to_vec());
		assert_eq!(ExpiryCursor::<Test>::get(), Some(due + 1));
		assert_conserved();

		run_to_block(due + 2);
		assert!(second.iter().all(|id| Intents::<Test>::get(id).is_none()));
		assert_eq!(balance(ALICE), STARTING_BALANCE);
		assert_eq!(balance(BOB), STARTING_BALANCE);
		assert_conserved();
	});
}

#[test]
fn refunds_stop_when_the_idle_weight_runs_out() {
	new_test_ext().execute_with(|| {
		let ids: Vec<_> = (0..3).map(|_| open(ALICE, DOLLAR, 20)).collect();
		let due = Escrow::refundable_from(20);
		// The empty buckets before are visited already.
		run_to_block(due - 1);
		System::set_block_number(due);

		let used = Escrow::on_idle(due, budget(1));
		assert!(budget(1).all_gte(used));
		assert!(Intents::<Test>::get(ids[0]).is_none());
		assert_eq!(listed(due), ids[1..].to_vec());

		// No weight at all: nothing happens.
		assert_eq!(Escrow::on_idle(due, Weight::zero()), Weight::zero());
		assert_eq!(listed(due).len(), 2);
		assert_conserved();
	});
}

#[test]
fn the_cursor_catches_up_over_empty_blocks() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		let due = Escrow::refundable_from(20);
		// Blocks with no idle weight at all, then one with plenty.
		run_to_block_with(due + 3, Weight::zero());
		assert!(Intents::<Test>::get(id).is_some());
		run_to_block(due + 4);
		assert!(Intents::<Test>::get(id).is_none());
		assert_eq!(ExpiryCursor::<Test>::get(), Some(due + 5));
		assert_conserved();
	});
}

#[test]
fn a_failed_refund_is_reported_and_left_for_refund_expired() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, DOLLAR, 20);
		assert_ok!(Assets::block(RuntimeOrigin::signed(ISSUER), ASSET_ID, ALICE));
		let due = Escrow::refundable_from(20);
		run_to_block(due);

		let record = intent(id);
		assert_eq!((record.held, record.queued_in), (DOLLAR, None));
		assert!(escrow_events()
			.iter()
			.any(|e| matches!(e, Event::RefundFailed { intent, .. } if *intent == id)));
		assert_conserved();

		assert_ok!(Assets::thaw(RuntimeOrigin::signed(ISSUER), ASSET_ID, ALICE));
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(BOB), id));
		assert_eq!(balance(ALICE), STARTING_BALANCE);
		assert_conserved();
	});
}

#[test]
fn nothing_queued_costs_one_read() {
	new_test_ext().execute_with(|| {
		assert_eq!(ExpiryCursor::<Test>::get(), None);
		let weight = Escrow::on_idle(1, Weight::MAX);
		let db: RuntimeDbWeight = <Test as frame_system::Config>::DbWeight::get();
		assert_eq!(weight, db.reads(1));
	});
}
