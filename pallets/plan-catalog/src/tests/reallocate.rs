//! `EntitlementLedger::reallocate`: a ruling moves what is left of an entitlement, and the
//! money for it, to another operator's plan.

use super::*;
use crate::{Error, Event};
use frame_support::assert_noop;
use gesim_primitives::{EntitlementLedger, EscrowLedger, Reallocation};
use sp_runtime::DispatchError;

fn reallocate(id: EntitlementId, plan: PlanId) -> Result<Reallocation, DispatchError> {
	<PlanCatalog as EntitlementLedger<_, _>>::reallocate(id, plan)
}

/// ALICE's 5 GB for $10 at TELCO, of which 2 GB were used and paid ($4): 3 GB and $6 left.
fn half_used_entitlement() -> EntitlementId {
	let id = purchase(ALICE, create_plan(TELCO, terms(5, 10)));
	assert_ok!(<PlanCatalog as EntitlementLedger<_, _>>::consume(id, 2 * GB));
	assert_ok!(<Escrow as EscrowLedger<_, _>>::release(entitlement(id).intent, 4 * DOLLAR));
	id
}

#[test]
fn a_cheaper_plan_gets_the_remaining_quota_and_the_rest_of_the_money_goes_back() {
	new_test_ext().execute_with(|| {
		let id = half_used_entitlement();
		// $0.70 a GB at TELCO_B, against $2 at TELCO.
		let cheaper = create_plan(TELCO_B, terms(10, 7));
		System::set_block_number(20);
		let alice_before = balance(ALICE);

		let moved = (3 * GB as u128 * 7 * DOLLAR).div_ceil(10 * GB as u128);
		assert_eq!(moved, 2_100_000);
		let to = crate::NextEntitlementId::<Test>::get();
		assert_eq!(
			reallocate(id, cheaper),
			Ok(Reallocation { to, bytes: 3 * GB, moved, refunded: 6 * DOLLAR - moved })
		);

		assert_eq!(balance(ALICE), alice_before + 6 * DOLLAR - moved);
		let old = entitlement(id);
		assert_eq!((old.remaining_bytes, old.expires_at), (0, 19), "ended with the last block");
		assert_eq!(held(id), Some(0));
		let new = entitlement(to);
		assert_eq!((new.holder, new.telco, new.plan), (ALICE, TELCO_B, cheaper));
		assert_eq!((new.remaining_bytes, new.expires_at), (3 * GB, 120), "the new plan's validity");
		assert_eq!(held(to), Some(moved));
		assert_eq!(item_owner(to), Some(ALICE));
		assert_eq!(crate::EntitlementsOf::<Test>::get(ALICE).to_vec(), vec![id, to]);
		assert_eq!(
			last_catalog_event(),
			Some(Event::EntitlementReallocated {
				from: id,
				to,
				plan: cheaper,
				telco: TELCO_B,
				intent: new.intent,
				bytes: 3 * GB,
				moved,
				refunded: 6 * DOLLAR - moved,
				expires_at: 120,
			})
		);
		assert_consistent();

		// The new operator is paid for proved usage from the moved money, and only that.
		assert_ok!(<Escrow as EscrowLedger<_, _>>::release(new.intent, moved));
		assert_eq!(
			<Escrow as EscrowLedger<_, _>>::release(new.intent, 1),
			Err(pallet_escrow::Error::<Test>::AlreadyClosed.into())
		);
		assert_consistent();
	});
}

#[test]
fn a_dearer_plan_gets_what_the_money_buys() {
	new_test_ext().execute_with(|| {
		let id = half_used_entitlement();
		// $5 a GB: $6 buys 1.2 GB of the 3 GB left.
		let dearer = create_plan(TELCO_B, terms(1, 5));
		let alice_before = balance(ALICE);
		let reallocation = reallocate(id, dearer).expect("reallocated");
		assert_eq!(reallocation.bytes, (6 * GB) / 5);
		assert_eq!((reallocation.moved, reallocation.refunded), (6 * DOLLAR, 0));
		assert_eq!(balance(ALICE), alice_before);
		assert_eq!(held(reallocation.to), Some(6 * DOLLAR));
		assert_consistent();
	});
}

#[test]
fn money_reserved_for_a_held_settlement_stays_with_the_old_operator_s_window() {
	new_test_ext().execute_with(|| {
		let id = half_used_entitlement();
		let intent = entitlement(id).intent;
		assert_ok!(<Escrow as EscrowLedger<_, _>>::reserve(intent, 2 * DOLLAR));
		let cheaper = create_plan(TELCO_B, terms(10, 7));
		let reallocation = reallocate(id, cheaper).expect("reallocated");
		// $4 unreserved: 3 GB for $2.10 at TELCO_B, $1.90 back.
		assert_eq!((reallocation.moved, reallocation.refunded), (2_100_000, 1_900_000));
		assert_eq!(held(id), Some(2 * DOLLAR));
		// The window's outcome still pays the old operator, after the old entitlement ended.
		System::set_block_number(50);
		let telco_before = balance(TELCO);
		assert_ok!(<Escrow as EscrowLedger<_, _>>::release_reserved(intent, 2 * DOLLAR));
		assert_eq!(balance(TELCO), telco_before + 2 * DOLLAR);
		assert_consistent();
	});
}

#[test]
fn bad_reallocations_are_refused_by_name_and_change_nothing() {
	new_test_ext().execute_with(|| {
		let id = half_used_entitlement();
		let own = create_plan(TELCO, terms(10, 7));
		let other = create_plan(TELCO_B, terms(10, 7));
		let retired = create_plan(TELCO_B, terms(10, 6));
		// Kept after retiring while BOB's entitlement to it lives.
		purchase(BOB, retired);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO_B), retired));

		assert_noop!(reallocate(id + 100, other), Error::<Test>::UnknownEntitlement);
		assert_noop!(reallocate(id, 100), Error::<Test>::UnknownPlan);
		assert_noop!(reallocate(id, own), Error::<Test>::SameTelco);
		assert_noop!(reallocate(id, retired), Error::<Test>::PlanRetired);
		set_telco_active(TELCO_B, false);
		assert_noop!(reallocate(id, other), Error::<Test>::NotActiveTelco);
		set_telco_active(TELCO_B, true);

		let intent = entitlement(id).intent;
		assert_ok!(<Escrow as EscrowLedger<_, _>>::freeze(intent));
		assert_noop!(reallocate(id, other), pallet_escrow::Error::<Test>::Frozen);
		assert_ok!(<Escrow as EscrowLedger<_, _>>::thaw(intent));

		// All the money left reserved: nothing to pay another operator with.
		assert_ok!(<Escrow as EscrowLedger<_, _>>::reserve(intent, 6 * DOLLAR));
		assert_noop!(reallocate(id, other), Error::<Test>::NothingToReallocate);
		assert_ok!(<Escrow as EscrowLedger<_, _>>::refund_reserved(intent, 6 * DOLLAR));

		System::set_block_number(entitlement(id).expires_at + 1);
		assert_noop!(reallocate(id, other), Error::<Test>::EntitlementExpired);
	});
}

#[test]
fn an_entitlement_with_no_quota_left_is_not_reallocated() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(5, 10)));
		assert_ok!(<PlanCatalog as EntitlementLedger<_, _>>::consume(id, 5 * GB));
		let other = create_plan(TELCO_B, terms(10, 7));
		assert_noop!(reallocate(id, other), Error::<Test>::NothingToReallocate);
	});
}
