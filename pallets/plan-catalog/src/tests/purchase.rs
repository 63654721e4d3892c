//! `purchase`: a verified subscriber buys a plan; the price goes into escrow and an
//! entitlement item is minted.

use super::*;
use crate::{
	Entitlement, EntitlementCollection, EntitlementsOf, Error, Event, OpenEntitlements, Plans,
};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{EscrowLedger, UsageSubject};
use sp_runtime::{DispatchError, TokenError};

#[test]
fn purchase_escrows_the_price_and_mints_the_entitlement() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));
		System::set_block_number(7);
		let id = purchase(ALICE, plan);

		let record = entitlement(id);
		assert_eq!(
			record,
			Entitlement {
				plan,
				holder: ALICE,
				telco: TELCO,
				remaining_bytes: 5 * GB,
				expires_at: 107,
				intent: record.intent
			}
		);
		assert_eq!(balance(ALICE), STARTING_BALANCE - 10 * DOLLAR);
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(record.intent), Some(10 * DOLLAR));
		let intent = pallet_escrow::Intents::<Test>::get(record.intent).unwrap();
		assert_eq!((intent.payer, intent.payee, intent.expires_at), (ALICE, TELCO, 107));

		assert_eq!(item_owner(id), Some(ALICE));
		assert_eq!(EntitlementsOf::<Test>::get(ALICE).into_inner(), vec![id]);
		assert_eq!(OpenEntitlements::<Test>::get(TELCO), 1);
		assert_eq!(Plans::<Test>::get(plan).unwrap().live_entitlements, 1);
		// No session from before the purchase can be billed.
		assert_eq!(UsageStarts::get(), vec![(TELCO, UsageSubject::Entitlement(id))]);
		let collection = EntitlementCollection::<Test>::get().expect("created by the purchase");
		let events = catalog_events();
		assert_eq!(
			events[events.len() - 2..],
			[
				Event::CollectionCreated { collection },
				Event::Purchased {
					entitlement: id,
					plan,
					holder: ALICE,
					telco: TELCO,
					intent: record.intent,
					price: 10 * DOLLAR,
					expires_at: 107
				},
			]
		);
		assert_consistent();
	});
}

#[test]
fn later_purchases_reuse_the_collection() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		let first = purchase(ALICE, plan);
		let collection = EntitlementCollection::<Test>::get();
		let second = purchase(BOB, plan);
		assert_eq!(EntitlementCollection::<Test>::get(), collection);
		assert_eq!((item_owner(first), item_owner(second)), (Some(ALICE), Some(BOB)));
		assert_ne!(entitlement(first).intent, entitlement(second).intent);
		assert_eq!(
			catalog_events()
				.iter()
				.filter(|e| matches!(e, Event::CollectionCreated { .. }))
				.count(),
			1
		);
		assert_consistent();
	});
}

#[test]
fn entitlement_items_cannot_be_transferred() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		let id = purchase(ALICE, plan);
		let collection = EntitlementCollection::<Test>::get().unwrap();
		assert_noop!(
			Nfts::transfer(RuntimeOrigin::signed(ALICE), collection, id, BOB),
			pallet_nfts::Error::<Test>::ItemsNonTransferable
		);
	});
}

#[test]
fn a_subscriber_without_identity_is_refused() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		assert_noop!(
			PlanCatalog::purchase(RuntimeOrigin::signed(STRANGER), plan),
			Error::<Test>::NotVerified
		);
		set_verified(ALICE, false);
		assert_noop!(
			PlanCatalog::purchase(RuntimeOrigin::signed(ALICE), plan),
			Error::<Test>::NotVerified
		);
		assert_noop!(PlanCatalog::purchase(RuntimeOrigin::none(), plan), DispatchError::BadOrigin);
	});
}

#[test]
fn an_unknown_plan_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			PlanCatalog::purchase(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::UnknownPlan
		);
	});
}

#[test]
fn a_retired_plan_is_refused() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		purchase(BOB, plan);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), plan));
		assert_noop!(
			PlanCatalog::purchase(RuntimeOrigin::signed(ALICE), plan),
			Error::<Test>::PlanRetired
		);
	});
}

#[test]
fn a_plan_of_a_suspended_telco_is_refused() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		set_telco_active(TELCO, false);
		assert_noop!(
			PlanCatalog::purchase(RuntimeOrigin::signed(ALICE), plan),
			Error::<Test>::NotActiveTelco
		);
	});
}

#[test]
fn a_subscriber_holds_at_most_max_entitlements() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		for _ in 0..3 {
			purchase(ALICE, plan);
		}
		assert_noop!(
			PlanCatalog::purchase(RuntimeOrigin::signed(ALICE), plan),
			Error::<Test>::TooManyEntitlements
		);
	});
}

#[test]
fn a_subscriber_who_cannot_pay_is_refused() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 2_000));
		assert_noop!(
			PlanCatalog::purchase(RuntimeOrigin::signed(ALICE), plan),
			TokenError::FundsUnavailable
		);
		assert_eq!(UsageStarts::get(), vec![], "no usage clock started");
	});
}

#[test]
fn a_purchase_fails_whole_when_the_nft_deposit_cannot_be_paid() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		// The catalog's account has no native token for the collection deposit.
		let catalog = PlanCatalog::account_id();
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), catalog, 0));
		assert_noop!(
			PlanCatalog::purchase(RuntimeOrigin::signed(ALICE), plan),
			pallet_balances::Error::<Test>::InsufficientBalance
		);
		assert_eq!(balance(ALICE), STARTING_BALANCE);
	});
}

#[test]
fn entitlements_take_no_deposit_from_the_catalogs_account() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		purchase(ALICE, plan);
		// The collection's one deposit is paid; nothing is left for item deposits.
		let catalog = PlanCatalog::account_id();
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), catalog, 1));
		let id = purchase(BOB, plan);
		assert_eq!(item_owner(id), Some(BOB));
		let collection = EntitlementCollection::<Test>::get().unwrap();
		let item = pallet_nfts::Item::<Test>::get(collection, id).unwrap();
		assert_eq!(item.deposit.amount, 0);
	});
}

#[test]
fn a_validity_beyond_the_largest_block_number_is_refused() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		System::set_block_number(u64::MAX - 10);
		assert_noop!(
			PlanCatalog::purchase(RuntimeOrigin::signed(ALICE), plan),
			Error::<Test>::ExpiryOverflow
		);
	});
}
