//! `close_entitlement`: anyone frees an expired entitlement whose escrow is settled.

use super::*;
use crate::{
	EntitlementCollection, Entitlements, EntitlementsOf, Error, Event, OpenEntitlements, Plans,
};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};
use gesim_primitives::EscrowLedger;
use sp_runtime::DispatchError;

#[test]
fn an_expired_settled_entitlement_is_closed_and_its_item_burnt() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 10));
		let id = purchase(ALICE, plan);
		// After the expiry and the escrow's grace, the escrow refunds what it held.
		run_to_block(101 + GRACE + 1);
		assert_eq!(balance(ALICE), STARTING_BALANCE);

		let post = PlanCatalog::close_entitlement(RuntimeOrigin::signed(BOB), id).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		assert!(Entitlements::<Test>::get(id).is_none());
		assert_eq!(item_owner(id), None);
		assert!(!EntitlementsOf::<Test>::contains_key(ALICE));
		assert!(!OpenEntitlements::<Test>::contains_key(TELCO));
		assert_eq!(Plans::<Test>::get(plan).unwrap().live_entitlements, 0);
		assert_eq!(
			last_catalog_event(),
			Some(Event::EntitlementClosed { entitlement: id, holder: ALICE })
		);
		assert_consistent();
	});
}

#[test]
fn an_entitlement_whose_money_was_all_released_closes_right_after_expiry() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 10)));
		assert_ok!(<Escrow as EscrowLedger<_, _>>::release(entitlement(id).intent, 10 * DOLLAR));
		System::set_block_number(102);
		assert_ok!(PlanCatalog::close_entitlement(RuntimeOrigin::signed(BOB), id));
		assert_consistent();
	});
}

#[test]
fn closing_the_last_entitlement_of_a_retired_plan_removes_the_plan() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(1, 10));
		let id = purchase(ALICE, plan);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), plan));
		run_to_block(101 + GRACE + 1);
		assert_ok!(PlanCatalog::close_entitlement(RuntimeOrigin::signed(BOB), id));
		assert!(Plans::<Test>::get(plan).is_none());
		assert_consistent();
	});
}

#[test]
fn an_item_the_holder_burnt_does_not_block_the_close() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 10)));
		let collection = EntitlementCollection::<Test>::get().unwrap();
		assert_ok!(Nfts::burn(RuntimeOrigin::signed(ALICE), collection, id));
		run_to_block(101 + GRACE + 1);
		assert_ok!(PlanCatalog::close_entitlement(RuntimeOrigin::signed(BOB), id));
		assert_consistent();
	});
}

#[test]
fn closing_an_unknown_entitlement_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			PlanCatalog::close_entitlement(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::UnknownEntitlement
		);
	});
}

#[test]
fn closing_a_valid_entitlement_is_refused() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 10)));
		System::set_block_number(101);
		assert_noop!(
			PlanCatalog::close_entitlement(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotExpired
		);
	});
}

#[test]
fn closing_while_the_escrow_still_holds_money_is_refused() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 10)));
		// Expired, but within the escrow's grace for late usage proofs.
		System::set_block_number(102);
		assert_noop!(
			PlanCatalog::close_entitlement(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::EscrowNotSettled
		);
	});
}

#[test]
fn closing_needs_a_signed_origin() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 10)));
		run_to_block(101 + GRACE + 1);
		assert_noop!(
			PlanCatalog::close_entitlement(RuntimeOrigin::none(), id),
			DispatchError::BadOrigin
		);
	});
}
