//! Proved usage through the real pallets of the runtime: a plan bought into escrow, a batch
//! anchored and proved with the dev chain's usage key, and escrow releasing exactly the proved
//! share — or nothing while a dispute freezes the entitlement.

mod common;

use common::{
	ext_from_preset,
	usage::{anchor_and_prove, balance, telco},
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
