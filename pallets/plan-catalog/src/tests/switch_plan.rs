//! `switch_plan`: give up an entitlement for a new one to another plan of the same operator.

use super::*;
use crate::{EntitlementsOf, Error, Event, OpenEntitlements, Plans};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{EntitlementLedger, EscrowLedger, UsageSubject};
use sp_runtime::{DispatchError, TokenError};

#[test]
fn usage_before_a_switch_stays_payable_from_the_old_escrow() {
	new_test_ext().execute_with(|| {
		let small = create_plan(TELCO, terms(5, 10));
		let large = create_plan(TELCO, terms(20, 30));
		let old = purchase(ALICE, small);
		let old_intent = entitlement(old).intent;
		System::set_block_number(20);
		assert_ok!(PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), old, large));

		// 4 GB used before the switch reach the operator afterwards: still proved, still paid.
		assert_eq!(<PlanCatalog as EntitlementLedger<_, _>>::consume(old, 4 * GB), Ok(4 * GB));
		assert_ok!(<Escrow as EscrowLedger<_, _>>::release(old_intent, 8 * DOLLAR));
		assert_eq!(held(old), Some(2 * DOLLAR));
		assert_consistent();
	});
}

#[test]
fn switching_ends_the_old_entitlement_and_refunds_what_is_left_after_the_grace() {
	new_test_ext().execute_with(|| {
		let small = create_plan(TELCO, terms(5, 10));
		let large = create_plan(TELCO, terms(20, 30));
		let old = purchase(ALICE, small);
		let old_intent = entitlement(old).intent;
		// 2 GB used and proved: its share of the price went to the operator.
		assert_ok!(<PlanCatalog as EntitlementLedger<_, _>>::consume(old, 2 * GB));
		assert_ok!(<Escrow as EscrowLedger<_, _>>::release(old_intent, 4 * DOLLAR));
		System::set_block_number(20);

		let new = crate::NextEntitlementId::<Test>::get();
		assert_ok!(PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), old, large));

		// The new plan is paid in full; nothing of the old one comes back yet.
		assert_eq!(balance(ALICE), STARTING_BALANCE - 10 * DOLLAR - 30 * DOLLAR);
		let ended = entitlement(old);
		assert_eq!((ended.expires_at, ended.remaining_bytes), (19, 3 * GB));
		assert_eq!(held(old), Some(6 * DOLLAR));
		assert_eq!(item_owner(old), Some(ALICE));

		let record = entitlement(new);
		assert_eq!((record.plan, record.holder, record.telco), (large, ALICE, TELCO));
		assert_eq!((record.remaining_bytes, record.expires_at), (20 * GB, 120));
		assert_ne!(record.intent, old_intent);
		assert_eq!(held(new), Some(30 * DOLLAR));
		assert_eq!(item_owner(new), Some(ALICE));
		assert_eq!(EntitlementsOf::<Test>::get(ALICE).into_inner(), vec![old, new]);
		assert_eq!(OpenEntitlements::<Test>::get(TELCO), 2);
		let refund_from = 19 + GRACE + 1;
		assert_eq!(
			last_catalog_event(),
			Some(Event::Switched {
				from: old,
				to: new,
				plan: large,
				intent: record.intent,
				expires_at: 120,
				from_ended_at: 19,
				refund_from,
			})
		);
		assert_consistent();
		assert_eq!(Switches::get(), vec![(old, new)], "the profile follows the switch");
		assert_eq!(
			UsageStarts::get().last(),
			Some(&(TELCO, UsageSubject::Entitlement(new))),
			"the new entitlement's usage is billed from the switch on"
		);

		// The old one can no longer be used, topped up or switched.
		assert_noop!(
			PlanCatalog::top_up(RuntimeOrigin::signed(ALICE), old),
			Error::<Test>::EntitlementExpired
		);
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), old, small),
			Error::<Test>::EntitlementExpired
		);

		// After the grace, escrow refunds the 6 dollars of the unused 3 GB, and the old
		// entitlement can be closed.
		run_to_block(refund_from);
		assert_eq!(balance(ALICE), STARTING_BALANCE - 4 * DOLLAR - 30 * DOLLAR);
		assert_ok!(PlanCatalog::close_entitlement(RuntimeOrigin::signed(BOB), old));
		assert_eq!(EntitlementsOf::<Test>::get(ALICE).into_inner(), vec![new]);
		assert_eq!(Plans::<Test>::get(small).unwrap().live_entitlements, 0);
		assert_consistent();
	});
}

#[test]
fn switching_from_a_used_up_entitlement_leaves_nothing_to_refund() {
	new_test_ext().execute_with(|| {
		let small = create_plan(TELCO, terms(1, 1));
		let large = create_plan(TELCO, terms(2, 2));
		let old = purchase(ALICE, small);
		assert_ok!(<PlanCatalog as EntitlementLedger<_, _>>::consume(old, GB));
		assert_ok!(<Escrow as EscrowLedger<_, _>>::release(entitlement(old).intent, DOLLAR));
		assert_ok!(PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), old, large));
		assert_eq!(held(old), Some(0));
		assert_consistent();
	});
}

#[test]
fn switching_away_from_a_retired_plan_removes_it_with_its_last_entitlement() {
	new_test_ext().execute_with(|| {
		let old_plan = create_plan(TELCO, terms(1, 1));
		let new_plan = create_plan(TELCO, terms(2, 2));
		let old = purchase(ALICE, old_plan);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), old_plan));
		assert_ok!(PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), old, new_plan));
		assert!(Plans::<Test>::get(old_plan).is_some(), "kept while the old entitlement settles");
		run_to_block(GRACE + 2);
		assert_ok!(PlanCatalog::close_entitlement(RuntimeOrigin::signed(ALICE), old));
		assert!(Plans::<Test>::get(old_plan).is_none());
		assert_consistent();
	});
}

#[test]
fn a_switch_needs_a_free_place_until_the_old_entitlement_is_closed() {
	new_test_ext().execute_with(|| {
		let small = create_plan(TELCO, terms(1, 1));
		let large = create_plan(TELCO, terms(2, 2));
		let held: Vec<_> = (0..3).map(|_| purchase(ALICE, small)).collect();
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), held[1], large),
			Error::<Test>::TooManyEntitlements
		);
		assert_ok!(PlanCatalog::switch_plan(
			RuntimeOrigin::signed(BOB),
			purchase(BOB, small),
			large
		));
		assert_consistent();
	});
}

#[test]
fn switching_to_a_plan_outside_the_bounds_is_refused() {
	new_test_ext().execute_with(|| {
		let (small, large) = (create_plan(TELCO, terms(1, 1)), create_plan(TELCO, terms(2, 2)));
		let id = purchase(ALICE, small);
		let tighter = crate::PlanBounds { min_price: 5 * DOLLAR, max_validity: MAX_VALIDITY };
		TestParameters::put(ProtocolParameter::PlanBounds(tighter));
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), id, large),
			Error::<Test>::PriceBelowMinimum
		);
	});
}

#[test]
fn switching_an_unknown_entitlement_is_refused() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), 9, plan),
			Error::<Test>::UnknownEntitlement
		);
	});
}

#[test]
fn only_the_holder_switches() {
	new_test_ext().execute_with(|| {
		let (small, large) = (create_plan(TELCO, terms(1, 1)), create_plan(TELCO, terms(2, 2)));
		let id = purchase(ALICE, small);
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(BOB), id, large),
			Error::<Test>::NotHolder
		);
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::none(), id, large),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_holder_whose_identity_was_revoked_is_refused() {
	new_test_ext().execute_with(|| {
		let (small, large) = (create_plan(TELCO, terms(1, 1)), create_plan(TELCO, terms(2, 2)));
		let id = purchase(ALICE, small);
		set_verified(ALICE, false);
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), id, large),
			Error::<Test>::NotVerified
		);
	});
}

#[test]
fn an_expired_entitlement_is_refused() {
	new_test_ext().execute_with(|| {
		let (small, large) = (create_plan(TELCO, terms(1, 1)), create_plan(TELCO, terms(2, 2)));
		let id = purchase(ALICE, small);
		System::set_block_number(102);
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), id, large),
			Error::<Test>::EntitlementExpired
		);
	});
}

#[test]
fn switching_to_the_same_plan_is_refused() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 1));
		let id = purchase(ALICE, plan);
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), id, plan),
			Error::<Test>::SamePlan
		);
	});
}

#[test]
fn switching_to_an_unknown_plan_is_refused() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 1)));
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), id, 42),
			Error::<Test>::UnknownPlan
		);
	});
}

#[test]
fn switching_to_a_retired_plan_is_refused() {
	new_test_ext().execute_with(|| {
		let (small, large) = (create_plan(TELCO, terms(1, 1)), create_plan(TELCO, terms(2, 2)));
		let id = purchase(ALICE, small);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), large));
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), id, large),
			Error::<Test>::UnknownPlan
		);
		let kept = create_plan(TELCO, terms(3, 3));
		purchase(BOB, kept);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), kept));
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), id, kept),
			Error::<Test>::PlanRetired
		);
	});
}

#[test]
fn switching_to_another_telcos_plan_is_refused() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 1)));
		let elsewhere = create_plan(TELCO_B, terms(2, 2));
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), id, elsewhere),
			Error::<Test>::DifferentTelco
		);
	});
}

#[test]
fn switching_with_a_suspended_telco_is_refused() {
	new_test_ext().execute_with(|| {
		let (small, large) = (create_plan(TELCO, terms(1, 1)), create_plan(TELCO, terms(2, 2)));
		let id = purchase(ALICE, small);
		set_telco_active(TELCO, false);
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), id, large),
			Error::<Test>::NotActiveTelco
		);
	});
}

#[test]
fn switching_a_disputed_entitlement_is_refused() {
	new_test_ext().execute_with(|| {
		let (small, large) = (create_plan(TELCO, terms(1, 1)), create_plan(TELCO, terms(2, 2)));
		let id = purchase(ALICE, small);
		assert_ok!(<Escrow as EscrowLedger<_, _>>::freeze(entitlement(id).intent));
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), id, large),
			pallet_escrow::Error::<Test>::Frozen
		);
	});
}

#[test]
fn a_switch_the_holder_cannot_pay_changes_nothing() {
	new_test_ext().execute_with(|| {
		let small = create_plan(TELCO, terms(1, 1));
		let dear = create_plan(TELCO, terms(100, 1_500));
		let id = purchase(ALICE, small);
		assert_noop!(
			PlanCatalog::switch_plan(RuntimeOrigin::signed(ALICE), id, dear),
			TokenError::FundsUnavailable
		);
		assert_eq!(item_owner(id), Some(ALICE));
		assert_eq!(entitlement(id).expires_at, 101, "the old one still runs");
	});
}
