//! `EntitlementLedger::split_off`: a resale cuts quota off an entitlement for its buyer, with
//! the money behind it.

use super::*;
use crate::{Error, Event};
use frame_support::assert_noop;
use gesim_primitives::{EntitlementLedger, EscrowLedger, PlanRate, Split};
use sp_runtime::DispatchError;

fn split_off(id: EntitlementId, bytes: u64, buyer: AccountId) -> Result<Split, DispatchError> {
	<PlanCatalog as EntitlementLedger<_, _>>::split_off(id, bytes, &buyer)
}

/// ALICE's 5 GB for $10 at TELCO, of which 2 GB were used and paid ($4): 3 GB and $6 left.
fn half_used_entitlement() -> EntitlementId {
	let id = purchase(ALICE, create_plan(TELCO, terms(5, 10)));
	assert_ok!(<PlanCatalog as EntitlementLedger<_, _>>::consume(id, 2 * GB));
	assert_ok!(<Escrow as EscrowLedger<_, _>>::release(entitlement(id).intent, 4 * DOLLAR));
	id
}

#[test]
fn the_buyer_gets_the_quota_same_terms_and_expiry_with_its_share_of_the_money() {
	new_test_ext().execute_with(|| {
		let id = half_used_entitlement();
		System::set_block_number(20);
		let (alice, bob) = (balance(ALICE), balance(BOB));
		let to = crate::NextEntitlementId::<Test>::get();

		let split = split_off(id, GB, BOB).expect("split");
		// 1 GB of the 3 GB left: a third of the $6.
		let new = entitlement(to);
		assert_eq!(split, Split { to, intent: new.intent, moved: 2 * DOLLAR });
		assert_eq!((new.holder, new.telco, new.plan), (BOB, TELCO, entitlement(id).plan));
		assert_eq!((new.remaining_bytes, new.expires_at), (GB, entitlement(id).expires_at));
		assert_eq!((held(to), held(id)), (Some(2 * DOLLAR), Some(4 * DOLLAR)));
		assert_eq!(entitlement(id).remaining_bytes, 2 * GB);
		assert_eq!(item_owner(to), Some(BOB));
		// Money moves inside the escrow only: the price is the resale's business.
		assert_eq!((balance(ALICE), balance(BOB)), (alice, bob));
		assert_eq!(
			last_catalog_event(),
			Some(Event::EntitlementSplit {
				from: id,
				to,
				buyer: BOB,
				bytes: GB,
				moved: 2 * DOLLAR,
				intent: new.intent,
				remaining_bytes: 2 * GB,
			})
		);
		assert_consistent();

		// What BOB's share leaves unused goes back to BOB, not to ALICE.
		assert_ok!(<Escrow as EscrowLedger<_, _>>::release(new.intent, DOLLAR / 2));
		System::set_block_number(Escrow::refundable_from(new.expires_at));
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(STRANGER), new.intent));
		assert_eq!(balance(BOB), bob + 3 * DOLLAR / 2);
		assert_consistent();
	});
}

#[test]
fn money_reserved_for_a_held_settlement_stays_behind_and_the_rest_follows_the_quota() {
	new_test_ext().execute_with(|| {
		let id = half_used_entitlement();
		assert_ok!(<Escrow as EscrowLedger<_, _>>::reserve(entitlement(id).intent, 3 * DOLLAR));
		let split = split_off(id, 3 * GB, BOB).expect("split");
		// All the quota left, and all the unreserved money ($3); the reserved $3 stays.
		assert_eq!(split.moved, 3 * DOLLAR);
		assert_eq!((entitlement(id).remaining_bytes, held(id)), (0, Some(3 * DOLLAR)));
		assert_consistent();
	});
}

#[test]
fn bad_splits_are_refused_by_name_and_change_nothing() {
	new_test_ext().execute_with(|| {
		let id = half_used_entitlement();
		assert_noop!(split_off(id + 100, GB, BOB), Error::<Test>::UnknownEntitlement);
		assert_noop!(split_off(id, 0, BOB), Error::<Test>::ZeroQuota);
		assert_noop!(split_off(id, 3 * GB + 1, BOB), Error::<Test>::InsufficientQuota);
		assert_noop!(split_off(id, GB, STRANGER), Error::<Test>::NotVerified);

		let intent = entitlement(id).intent;
		assert_ok!(<Escrow as EscrowLedger<_, _>>::freeze(intent));
		assert_noop!(split_off(id, GB, BOB), pallet_escrow::Error::<Test>::Frozen);
		assert_ok!(<Escrow as EscrowLedger<_, _>>::thaw(intent));

		// BOB holds as many entitlements as he may.
		let plan = create_plan(TELCO_B, terms(1, 1));
		for _ in 0..3 {
			purchase(BOB, plan);
		}
		assert_noop!(split_off(id, GB, BOB), Error::<Test>::TooManyEntitlements);

		assert_ok!(<Escrow as EscrowLedger<_, _>>::reserve(intent, 6 * DOLLAR));
		assert_noop!(split_off(id, GB, BOB), Error::<Test>::QuotaUnfunded);

		System::set_block_number(entitlement(id).expires_at + 1);
		assert_noop!(split_off(id, GB, ALICE), Error::<Test>::EntitlementExpired);
	});
}

#[test]
fn a_plan_s_rate_is_read_also_once_retired() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));
		let rate = PlanRate { quota_bytes: 5 * GB, price: 10 * DOLLAR };
		assert_eq!(<PlanCatalog as EntitlementLedger<_, _>>::plan_rate(plan), Some(rate));
		purchase(ALICE, plan);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), plan));
		assert_eq!(<PlanCatalog as EntitlementLedger<_, _>>::plan_rate(plan), Some(rate));
		assert_eq!(<PlanCatalog as EntitlementLedger<_, _>>::plan_rate(plan + 1), None);
	});
}
