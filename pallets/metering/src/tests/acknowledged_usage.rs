//! `acknowledge_usage` and `release_held`: a settlement pays at once up to what the subscriber
//! acknowledged (plus the tolerance); the rest stays reserved in escrow for the challenge
//! window, or until an acknowledgement covers it.

use super::mock::*;
use crate::{EntitlementUsages, Error, Event, HeldCount, HeldSettlement, HeldSettlements};
use frame_support::{assert_noop, assert_ok};
use frame_system::RawOrigin;
use gesim_primitives::{Bytes, ProtocolParameter, StablecoinAmount, UsageSubject};

const SUBJECT: UsageSubject = UsageSubject::Entitlement(ENTITLEMENT);
const MB: Bytes = 1_000_000;
/// 1 % of the 1 GB quota.
const TOLERANCE: Bytes = 10 * MB;

/// The usage-64 key registered and a 1 % tolerance.
fn setup() {
	register_usage_key();
	TestParameters::put(ProtocolParameter::<u64>::AcknowledgementTolerance(100));
}

fn acknowledge(who: &AccountId, total: Bytes) -> sp_runtime::DispatchResult {
	crate::Pallet::<Test>::acknowledge_usage(
		RawOrigin::Signed(who.clone()).into(),
		ENTITLEMENT,
		total,
	)
}

/// Anchors and settles `bytes` of TELCO's usage under `nonce`.
fn settle(bytes: Bytes, nonce: u64) -> frame_support::dispatch::DispatchResultWithPostInfo {
	let batch = records(4, bytes);
	assert_ok!(anchor(&TELCO, SUBJECT, &batch, nonce));
	let claim = prove(&batch, nonce, &TELCO, SUBJECT);
	crate::Pallet::<Test>::settle_usage(RawOrigin::Signed(TELCO).into(), claim)
}

fn release_held(nonce: u64) -> frame_support::dispatch::DispatchResultWithPostInfo {
	crate::Pallet::<Test>::release_held(RawOrigin::Signed(SUBSCRIBER).into(), TELCO, nonce)
}

/// $10 for 1 GB: what `bytes` are worth, rounded down.
fn worth(bytes: Bytes) -> StablecoinAmount {
	PRICE * bytes as u128 / QUOTA as u128
}

fn less_margin(amount: StablecoinAmount) -> StablecoinAmount {
	amount - amount * MARGIN_BPS / 10_000
}

fn reserved() -> StablecoinAmount {
	world(|w| w.reserved.get(&50).copied().unwrap_or(0))
}

fn run_to_block(n: u64) {
	System::set_block_number(n);
}

#[test]
fn usage_beyond_the_acknowledgement_waits_for_the_challenge_window() {
	new_test_ext().execute_with(|| {
		setup();
		assert_ok!(acknowledge(&SUBSCRIBER, 100 * MB));
		assert_eq!(
			last_event(),
			Event::UsageAcknowledged {
				entitlement: ENTITLEMENT,
				holder: SUBSCRIBER,
				total_bytes: 100 * MB
			}
		);

		assert_ok!(settle(300 * MB, 1));

		// 100 MB acknowledged + 10 MB tolerance pay at once, the other 190 MB are held.
		let (now, held) = (worth(110 * MB), worth(190 * MB));
		assert_eq!(world(|w| w.paid_to_telcos), less_margin(now));
		assert_eq!((reserved(), world(|w| w.held[&50])), (held, PRICE - now));
		assert_eq!(
			HeldSettlements::<Test>::get(&TELCO, 1),
			Some(HeldSettlement {
				entitlement: ENTITLEMENT,
				intent: 50,
				amount: held,
				bytes: 190 * MB,
				billed_through: 300 * MB,
				releases_at: 1 + CHALLENGE_WINDOW,
			})
		);
		assert_eq!(HeldCount::<Test>::get(&TELCO), 1);
		assert_eq!(EntitlementUsages::<Test>::get(ENTITLEMENT).billed, 300 * MB);
		let events = System::events();
		assert!(events.iter().any(|r| r.event
			== RuntimeEvent::Metering(Event::SettlementHeld {
				telco: TELCO,
				nonce: 1,
				entitlement: ENTITLEMENT,
				bytes: 190 * MB,
				amount: held,
				releases_at: 1 + CHALLENGE_WINDOW,
			})));
		assert!(matches!(
			last_event(),
			Event::UsageSettled { settled_bytes, held: h, .. } if settled_bytes == 300 * MB && h == held
		));

		// Not before the window ends.
		run_to_block(CHALLENGE_WINDOW);
		assert_noop!(release_held(1), Error::<Test>::ChallengeWindowOpen);

		// Then anyone may have it paid, for free.
		run_to_block(1 + CHALLENGE_WINDOW);
		let post = release_held(1).unwrap();
		assert_eq!(post.pays_fee, frame_support::dispatch::Pays::No);
		assert_eq!(world(|w| w.paid_to_telcos), less_margin(now) + less_margin(held));
		assert_eq!(reserved(), 0);
		assert!(!HeldSettlements::<Test>::contains_key(&TELCO, 1));
		assert_eq!(HeldCount::<Test>::get(&TELCO), 0);
		assert_eq!(
			last_event(),
			Event::HeldSettlementReleased {
				telco: TELCO,
				nonce: 1,
				entitlement: ENTITLEMENT,
				payout: less_margin(held),
				margin: held - less_margin(held),
			}
		);
		assert_noop!(release_held(1), Error::<Test>::UnknownHeldSettlement);
	});
}

#[test]
fn an_acknowledgement_that_covers_a_held_settlement_lets_it_be_paid_at_once() {
	new_test_ext().execute_with(|| {
		setup();
		assert_ok!(settle(50 * MB, 1));
		assert_eq!(reserved(), worth(40 * MB), "all but the tolerance is held");

		// 39 MB + 10 MB tolerance fall short of the 50 MB billed.
		assert_ok!(acknowledge(&SUBSCRIBER, 39 * MB));
		assert_noop!(release_held(1), Error::<Test>::ChallengeWindowOpen);
		assert_ok!(acknowledge(&SUBSCRIBER, 40 * MB));
		assert_ok!(release_held(1));
		assert_eq!(
			world(|w| w.paid_to_telcos),
			less_margin(worth(10 * MB)) + less_margin(worth(40 * MB))
		);
		assert_eq!(reserved(), 0);
	});
}

#[test]
fn every_unit_of_the_price_reaches_the_operator_when_the_whole_quota_is_billed() {
	new_test_ext().execute_with(|| {
		setup();
		// Nothing acknowledged: the first half pays only the tolerance at once...
		assert_ok!(settle(QUOTA / 2, 1));
		assert_eq!(reserved(), worth(QUOTA / 2 - TOLERANCE));
		// ...and the second half, beyond it, is held whole: the unreserved rest of the price.
		assert_ok!(settle(QUOTA / 2, 2));
		assert_eq!(reserved(), PRICE - worth(TOLERANCE));
		assert_eq!(world(|w| w.held[&50]), PRICE - worth(TOLERANCE));

		run_to_block(1 + CHALLENGE_WINDOW);
		assert_ok!(release_held(1));
		assert_ok!(release_held(2));
		assert_eq!(world(|w| w.paid_to_telcos + w.paid_to_treasury), PRICE);
		assert_eq!((world(|w| w.held[&50]), reserved()), (0, 0));
	});
}

#[test]
fn an_operator_holds_no_more_settlements_than_it_may() {
	new_test_ext().execute_with(|| {
		setup();
		assert_ok!(settle(20 * MB, 1));
		assert_ok!(settle(20 * MB, 2));
		assert_eq!(HeldCount::<Test>::get(&TELCO), MAX_HELD);

		let batch = records(4, 20 * MB);
		assert_ok!(anchor(&TELCO, SUBJECT, &batch, 3));
		let claim = prove(&batch, 3, &TELCO, SUBJECT);
		assert_noop!(
			crate::Pallet::<Test>::settle_usage(RawOrigin::Signed(TELCO).into(), claim.clone()),
			Error::<Test>::TooManyHeldSettlements
		);
		// Once one is paid, the waiting proof settles.
		run_to_block(1 + CHALLENGE_WINDOW);
		assert_ok!(release_held(1));
		assert_ok!(crate::Pallet::<Test>::settle_usage(RawOrigin::Signed(TELCO).into(), claim));
		assert_eq!(HeldCount::<Test>::get(&TELCO), MAX_HELD);
	});
}

#[test]
fn a_frozen_intent_keeps_its_held_settlement() {
	new_test_ext().execute_with(|| {
		setup();
		assert_ok!(settle(50 * MB, 1));
		assert_ok!(<MockEscrow as gesim_primitives::EscrowLedger<_, _>>::freeze(50));
		run_to_block(1 + CHALLENGE_WINDOW);
		assert_noop!(release_held(1), sp_runtime::DispatchError::Other("Frozen"));
		assert!(HeldSettlements::<Test>::contains_key(&TELCO, 1));
	});
}

#[test]
fn acknowledgements_come_from_the_holder_only_go_up_and_end_with_the_deadline() {
	new_test_ext().execute_with(|| {
		setup();
		assert_noop!(acknowledge(&TELCO, MB), Error::<Test>::NotHolder);
		assert_noop!(acknowledge(&SUBSCRIBER, 0), Error::<Test>::AcknowledgementNotIncreasing);
		assert_ok!(acknowledge(&SUBSCRIBER, 5 * MB));
		for lower_or_same in [5 * MB, MB] {
			assert_noop!(
				acknowledge(&SUBSCRIBER, lower_or_same),
				Error::<Test>::AcknowledgementNotIncreasing
			);
		}
		assert_noop!(
			crate::Pallet::<Test>::acknowledge_usage(
				RawOrigin::Signed(SUBSCRIBER).into(),
				ENTITLEMENT + 100,
				MB
			),
			Error::<Test>::UnknownEntitlement
		);
		// The last block in which usage may still be settled accepts one, the next does not.
		run_to_block(EXPIRES_AT + SETTLEMENT_GRACE);
		assert_ok!(acknowledge(&SUBSCRIBER, 6 * MB));
		run_to_block(EXPIRES_AT + SETTLEMENT_GRACE + 1);
		assert_noop!(acknowledge(&SUBSCRIBER, 7 * MB), Error::<Test>::EntitlementExpired);
		assert_eq!(EntitlementUsages::<Test>::get(ENTITLEMENT).acknowledged, 6 * MB);
	});
}

#[test]
fn a_ruling_resolves_a_held_settlement_with_the_shares_it_names() {
	use gesim_primitives::HeldSettlementLedger;
	new_test_ext().execute_with(|| {
		setup();
		assert_ok!(settle(50 * MB, 1));
		let held = worth(40 * MB);
		let view = <Metering as HeldSettlementLedger<_, _>>::held_settlement(&TELCO, 1).unwrap();
		assert_eq!((view.entitlement, view.intent, view.amount), (ENTITLEMENT, 50, held));
		let paid_before = world(|w| w.paid_to_telcos);

		// A frozen intent moves nothing.
		assert_ok!(<MockEscrow as gesim_primitives::EscrowLedger<_, _>>::freeze(50));
		assert_noop!(
			<Metering as HeldSettlementLedger<_, _>>::resolve(&TELCO, 1, 1),
			sp_runtime::DispatchError::Other("Frozen")
		);
		world(|w| w.frozen.clear());

		let release =
			<Metering as HeldSettlementLedger<_, _>>::resolve(&TELCO, 1, 100_000).unwrap();
		assert_eq!(world(|w| w.refunded_to_subscribers), 100_000);
		assert_eq!(release.to_payee, less_margin(held - 100_000));
		assert_eq!(world(|w| w.paid_to_telcos), paid_before + less_margin(held - 100_000));
		assert_eq!((reserved(), HeldCount::<Test>::get(&TELCO)), (0, 0));
		assert!(matches!(
			last_event(),
			Event::HeldSettlementResolved { refunded: 100_000, nonce: 1, .. }
		));
		assert_noop!(
			<Metering as HeldSettlementLedger<_, _>>::resolve(&TELCO, 1, 0),
			Error::<Test>::UnknownHeldSettlement
		);
	});
}
