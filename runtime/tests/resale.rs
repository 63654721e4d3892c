//! Resale through the real pallets of the runtime: Bob lists part of his entitlement, Charlie
//! can buy it only once Alice settled Bob's usage up to the listing, and the purchase moves
//! the price, the quota and the escrowed money behind it exactly; Alice is then paid for
//! Charlie's proved usage from Charlie's escrow, and Bob's stays as it was.

mod common;

use common::usage::{anchor_and_prove, balance, buy, less_margin, subscriber, telco};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{stablecoin::DOLLAR, traits::pro_rata, EscrowLedger};
use gesim_runtime::{Escrow, Metering, PlanCatalog, Resale, Runtime, RuntimeOrigin, SbtIdentity};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

const MIB: u64 = 1 << 20;

#[test]
fn a_resale_moves_price_quota_and_escrow_exactly_and_the_operator_is_paid_from_the_buyer_s() {
	common::ext_from_preset("development").execute_with(|| {
		// Bob's 1 GiB for 10 GUSD.
		let (entitlement, intent) = buy(1024 * MIB, 10 * DOLLAR);
		pallet_timestamp::Now::<Runtime>::put(1_767_225_600_000);

		// Half of it, for at most its share of the plan's price (5 GUSD).
		assert_noop!(
			Resale::list(
				RuntimeOrigin::signed(subscriber()),
				entitlement,
				512 * MIB,
				5 * DOLLAR + 1
			),
			pallet_resale::Error::<Runtime>::PriceAboveCap
		);
		assert_ok!(Resale::list(
			RuntimeOrigin::signed(subscriber()),
			entitlement,
			512 * MIB,
			4 * DOLLAR
		));
		let listing = 0;

		// Alice anchors Bob's usage up to after the listing; until it is proved, no sale.
		let used = 100 * MIB;
		let claim = anchor_and_prove(entitlement, used, 1);
		let charlie = verified_charlie();
		assert_noop!(
			Resale::buy(RuntimeOrigin::signed(charlie.clone()), listing),
			pallet_resale::Error::<Runtime>::UsageNotCleared
		);
		assert_ok!(Metering::acknowledge_usage(
			RuntimeOrigin::signed(subscriber()),
			entitlement,
			used
		));
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), claim));
		// ⌊10 GUSD × 100 / 1024⌋ paid for Bob's usage; 924 MiB and the rest left.
		let left = 10 * DOLLAR - 976_562;
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(left));

		let (bob, charlie_before) = (balance(&subscriber()), balance(&charlie));
		let to = pallet_plan_catalog::NextEntitlementId::<Runtime>::get();
		assert_ok!(Resale::buy(RuntimeOrigin::signed(charlie.clone()), listing));

		assert_eq!(balance(&subscriber()), bob + 4 * DOLLAR);
		assert_eq!(balance(&charlie), charlie_before - 4 * DOLLAR);
		// 512 of Bob's 924 MiB, with that share of what his escrow held.
		let moved = pro_rata(left, 512 * MIB, 924 * MIB);
		assert_eq!(moved, 5 * DOLLAR);
		let bought = pallet_plan_catalog::Entitlements::<Runtime>::get(to).expect("issued");
		let own = pallet_plan_catalog::Entitlements::<Runtime>::get(entitlement).expect("kept");
		assert_eq!((bought.holder.clone(), bought.remaining_bytes), (charlie.clone(), 512 * MIB));
		assert_eq!((bought.plan, bought.expires_at), (own.plan, own.expires_at));
		assert_eq!(own.remaining_bytes, 412 * MIB);
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(bought.intent), Some(moved));
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(left - moved));
		assert_eq!(pallet_escrow::Intents::<Runtime>::get(bought.intent).unwrap().payer, charlie);

		// Alice proves 128 MiB of Charlie's usage: a quarter of his escrow, and none of Bob's.
		let claim = anchor_and_prove(to, 128 * MIB, 2);
		assert_ok!(Metering::acknowledge_usage(
			RuntimeOrigin::signed(charlie.clone()),
			to,
			128 * MIB
		));
		let alice = balance(&telco());
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), claim));
		assert_eq!(balance(&telco()), alice + less_margin(moved / 4));
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(bought.intent), Some(moved - moved / 4));
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(left - moved));

		PlanCatalog::do_check_indexes().expect("catalog indexes agree");
		Escrow::do_check_invariants().expect("escrow conserves");
	});
}

/// Charlie, verified by Alice.
fn verified_charlie() -> gesim_runtime::AccountId {
	let charlie = Sr25519Keyring::Charlie.to_account_id();
	assert_ok!(SbtIdentity::issue(
		RuntimeOrigin::signed(telco()),
		charlie.clone(),
		H256::repeat_byte(4),
		H256::repeat_byte(5)
	));
	charlie
}

/// Bob lists half of a fresh 1 GiB entitlement for 4 GUSD; returns it, its intent, the listing.
fn listed_half() -> (u32, u64, pallet_resale::ListingId) {
	let (entitlement, intent) = buy(1024 * MIB, 10 * DOLLAR);
	let listing = pallet_resale::NextListingId::<Runtime>::get();
	assert_ok!(Resale::list(
		RuntimeOrigin::signed(subscriber()),
		entitlement,
		512 * MIB,
		4 * DOLLAR
	));
	(entitlement, intent, listing)
}

#[test]
fn a_seller_who_lists_then_disputes_sells_nothing_while_the_dispute_is_open() {
	common::ext_from_preset("development").execute_with(|| {
		let charlie = verified_charlie();
		let (entitlement, intent, listing) = listed_half();
		assert_ok!(gesim_runtime::Disputes::file_dispute(
			RuntimeOrigin::signed(subscriber()),
			pallet_disputes::DisputeSubject::Entitlement(entitlement),
			H256::repeat_byte(9)
		));
		let (bob, charlie_before) = (balance(&subscriber()), balance(&charlie));
		assert_noop!(
			Resale::buy(RuntimeOrigin::signed(charlie.clone()), listing),
			pallet_escrow::Error::<Runtime>::Frozen
		);
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(10 * DOLLAR));
		assert_eq!((balance(&subscriber()), balance(&charlie)), (bob, charlie_before));
	});
}

#[test]
fn a_seller_who_lists_then_switches_plans_ends_the_listing_with_the_entitlement() {
	common::ext_from_preset("development").execute_with(|| {
		let charlie = verified_charlie();
		let (entitlement, intent, listing) = listed_half();
		let other = common::usage::list_plan(common::usage::plan_terms(2048 * MIB, 15 * DOLLAR));
		assert_ok!(PlanCatalog::switch_plan(
			RuntimeOrigin::signed(subscriber()),
			entitlement,
			other
		));

		let charlie_before = balance(&charlie);
		assert_noop!(
			Resale::buy(RuntimeOrigin::signed(charlie.clone()), listing),
			pallet_resale::Error::<Runtime>::ListingExpired
		);
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(10 * DOLLAR));
		assert_eq!(balance(&charlie), charlie_before);
		assert_ok!(Resale::remove_expired(RuntimeOrigin::signed(charlie), listing));
		assert!(pallet_resale::Listed::<Runtime>::get(entitlement).is_none());
	});
}
