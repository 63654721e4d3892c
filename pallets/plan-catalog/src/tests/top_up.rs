//! `top_up`: the plan's quota again, for its price, into the same escrow intent.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{EntitlementLedger, EscrowLedger};
use sp_runtime::{DispatchError, TokenError};

#[test]
fn top_up_adds_quota_pays_the_same_intent_and_renews_validity() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));
		let id = purchase(ALICE, plan); // expires at 101
		assert_ok!(<PlanCatalog as EntitlementLedger<_, _>>::consume(id, 2 * GB));
		System::set_block_number(51);
		assert_ok!(PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id));

		let record = entitlement(id);
		assert_eq!(record.remaining_bytes, 8 * GB);
		// A full validity from the top-up.
		assert_eq!(record.expires_at, 151);
		assert_eq!(held(id), Some(20 * DOLLAR));
		let intent = pallet_escrow::Intents::<Test>::get(record.intent).unwrap();
		assert_eq!(intent.expires_at, 151);
		assert_eq!(balance(ALICE), STARTING_BALANCE - 20 * DOLLAR);
		assert_eq!(
			last_catalog_event(),
			Some(Event::ToppedUp {
				entitlement: id,
				added_bytes: 5 * GB,
				remaining_bytes: 8 * GB,
				price: 10 * DOLLAR,
				expires_at: 151
			})
		);
		assert_consistent();
	});
}

#[test]
fn renewal_never_shortens_the_validity() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		let id = purchase(ALICE, plan); // expires at 101
		assert_ok!(PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(entitlement(id).expires_at, 101);
		System::set_block_number(30);
		assert_ok!(PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(entitlement(id).expires_at, 130);
	});
}

#[test]
fn a_plan_that_does_not_renew_keeps_the_expiry() {
	new_test_ext().execute_with(|| {
		let mut fixed = terms(1, 1);
		fixed.extends_validity_on_top_up = false;
		let plan = create_plan(TELCO, fixed);
		let id = purchase(ALICE, plan);
		System::set_block_number(90);
		assert_ok!(PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(entitlement(id).expires_at, 101);
		assert_eq!(entitlement(id).remaining_bytes, 2 * GB);
	});
}

#[test]
fn a_top_up_reopens_an_entitlement_whose_money_was_all_released() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		let id = purchase(ALICE, plan);
		// All quota used and paid for.
		assert_ok!(<PlanCatalog as EntitlementLedger<_, _>>::consume(id, GB));
		assert_ok!(<Escrow as EscrowLedger<_, _>>::release(entitlement(id).intent, DOLLAR));
		assert_ok!(PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id));
		assert_eq!((entitlement(id).remaining_bytes, held(id)), (GB, Some(DOLLAR)));
		assert_consistent();
	});
}

#[test]
fn top_up_of_an_unknown_entitlement_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), 4),
			Error::<Test>::UnknownEntitlement
		);
	});
}

#[test]
fn only_the_holder_tops_up() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 1)));
		assert_noop!(PlanCatalog::top_up(RuntimeOrigin::signed(BOB), id), Error::<Test>::NotHolder);
		assert_noop!(PlanCatalog::top_up(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
	});
}

#[test]
fn a_holder_whose_identity_was_revoked_is_refused() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 1)));
		set_verified(ALICE, false);
		assert_noop!(
			PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotVerified
		);
	});
}

#[test]
fn an_expired_entitlement_is_refused() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 1)));
		System::set_block_number(101);
		assert_ok!(PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id));
		System::set_block_number(202);
		assert_noop!(
			PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::EntitlementExpired
		);
	});
}

#[test]
fn an_entitlement_to_a_retired_plan_is_refused() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		let id = purchase(ALICE, plan);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), plan));
		assert_noop!(
			PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::PlanRetired
		);
	});
}

#[test]
fn an_entitlement_of_a_suspended_telco_is_refused() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 1)));
		set_telco_active(TELCO, false);
		assert_noop!(
			PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotActiveTelco
		);
	});
}

#[test]
fn a_top_up_the_holder_cannot_pay_is_refused() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 600)));
		assert_noop!(
			PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn a_top_up_of_a_disputed_entitlement_is_refused() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 1)));
		assert_ok!(<Escrow as EscrowLedger<_, _>>::freeze(entitlement(id).intent));
		assert_noop!(
			PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id),
			pallet_escrow::Error::<Test>::Frozen
		);
	});
}

#[test]
fn a_top_up_beyond_the_largest_quota_is_refused() {
	new_test_ext().execute_with(|| {
		let mut huge = terms(1, 1);
		huge.quota_bytes = u64::MAX / 2 + 1;
		let id = purchase(ALICE, create_plan(TELCO, huge));
		assert_noop!(
			PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::QuotaOverflow
		);
	});
}
