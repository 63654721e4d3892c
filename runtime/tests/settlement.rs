//! Proved usage through the real pallets of the runtime: a plan bought into escrow, a batch
//! anchored and proved with the dev chain's usage key, and escrow releasing exactly the proved
//! share — at once for usage the subscriber acknowledged, after the challenge window for the
//! rest — or nothing while a dispute freezes the entitlement.

mod common;

use common::{
	ext_from_preset,
	usage::{acknowledge, anchor_and_prove, balance, less_margin, subscriber, telco},
};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{stablecoin, EscrowLedger};
use gesim_runtime::{configs::TreasuryAccount, Escrow, Metering, Runtime, RuntimeOrigin};

const QUOTA: u64 = 3_000_001;
const PRICE: u128 = 5 * stablecoin::DOLLAR + 7;

/// Bob buys Alice's plan of `QUOTA` bytes for `PRICE`.
fn buy() -> (u32, u64) {
	common::usage::buy(QUOTA, PRICE)
}

#[test]
fn a_proof_releases_exactly_the_proved_share_of_the_price_and_nothing_while_frozen() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, intent) = buy();
		let used = 1_234_567;
		let claim = anchor_and_prove(entitlement, used, 7);

		// A dispute freezes the entitlement's escrow: the valid proof moves nothing.
		assert_ok!(<Escrow as EscrowLedger<_, _>>::freeze(intent));
		assert_noop!(
			Metering::settle_usage(RuntimeOrigin::signed(telco()), claim.clone()),
			pallet_escrow::Error::<Runtime>::Frozen
		);

		assert_ok!(<Escrow as EscrowLedger<_, _>>::thaw(intent));
		// Bob's device counted the same usage: all of it pays at once.
		acknowledge(entitlement, used);
		let (telco_before, treasury_before) = (balance(&telco()), balance(&TreasuryAccount::get()));
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), claim.clone()));

		// ⌊5.000007 GUSD × 1 234 567 / 3 000 001⌋, of which the 2 % protocol margin (rounded down).
		let released = PRICE * used as u128 / QUOTA as u128;
		assert_eq!(released, 2_057_613);
		let margin = released * 200 / 10_000;
		assert_eq!(balance(&telco()) - telco_before, released - margin);
		assert_eq!(balance(&TreasuryAccount::get()) - treasury_before, margin);
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(PRICE - released));
		let record = pallet_plan_catalog::Entitlements::<Runtime>::get(entitlement).unwrap();
		assert_eq!(record.remaining_bytes, QUOTA - used);

		assert_noop!(
			Metering::settle_usage(RuntimeOrigin::signed(telco()), claim),
			pallet_metering::Error::<Runtime>::NonceConsumed
		);
	});
}

#[test]
fn usage_anchored_in_time_is_paid_within_the_settlement_grace_and_not_after_it() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, intent) = buy();
		let expires_at = pallet_plan_catalog::Entitlements::<Runtime>::get(entitlement)
			.unwrap()
			.expires_at;
		let late = anchor_and_prove(entitlement, 1_000_000, 1);
		let too_late = anchor_and_prove(entitlement, 2_000_000, 2);

		// Records reach operators late: within the grace, the proof still pays.
		frame_system::Pallet::<Runtime>::set_block_number(expires_at + 1);
		let before = balance(&telco());
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), late));
		assert!(balance(&telco()) > before);

		// After the grace, escrow refunds the subscriber: nothing is left to pay from.
		let refund_at = expires_at + common::settlement_grace() + 1;
		frame_system::Pallet::<Runtime>::set_block_number(refund_at);
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(telco()), intent));
		assert_noop!(
			Metering::settle_usage(RuntimeOrigin::signed(telco()), too_late),
			pallet_metering::Error::<Runtime>::EntitlementExpired
		);
	});
}

#[test]
fn an_unacknowledged_over_claim_waits_for_the_challenge_window_and_then_pays_every_unit() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, intent) = buy();
		// Bob's device counted 1 000 000 bytes; Alice claims 2 500 000.
		acknowledge(entitlement, 1_000_000);
		let claim = anchor_and_prove(entitlement, 2_500_000, 1);
		let telco_before = balance(&telco());
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), claim));

		// At once: the acknowledged bytes plus the 1 % tolerance of the quota (30 000 bytes).
		let worth = |bytes: u64| PRICE * bytes as u128 / QUOTA as u128;
		let total = worth(2_500_000);
		let now = total * 1_030_000 / 2_500_000;
		let held = total - now;
		assert_eq!(balance(&telco()) - telco_before, less_margin(now));
		assert_eq!(<Escrow as EscrowLedger<_, _>>::reserved(intent), held);
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(PRICE - now));

		// Bob can see it held until the window ends; nobody can pay it out before.
		let window = <gesim_runtime::Governance as gesim_primitives::ProtocolParameters<u32>>::challenge_window();
		let releases_at = frame_system::Pallet::<Runtime>::block_number() + window;
		assert_noop!(
			Metering::release_held(RuntimeOrigin::signed(subscriber()), telco(), 1),
			pallet_metering::Error::<Runtime>::ChallengeWindowOpen
		);
		frame_system::Pallet::<Runtime>::set_block_number(releases_at);
		assert_ok!(Metering::release_held(RuntimeOrigin::signed(subscriber()), telco(), 1));
		assert_eq!(balance(&telco()) - telco_before, less_margin(now) + less_margin(held));
		assert_eq!(<Escrow as EscrowLedger<_, _>>::reserved(intent), 0);
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(PRICE - total));
		Escrow::do_check_invariants().unwrap();
	});
}
