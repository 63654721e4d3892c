//! `EntitlementLedger::end_by_ruling`: a dispute ruling ends an entitlement and splits what
//! its escrow holds between the holder and the operator as the council decided.

use super::*;
use crate::{Error, Event};
use frame_support::assert_noop;
use gesim_primitives::{EntitlementLedger, EscrowLedger, Release};

fn end(id: EntitlementId, bps: u16) -> Result<(u128, Release), sp_runtime::DispatchError> {
	<PlanCatalog as EntitlementLedger<_, _>>::end_by_ruling(id, bps)
}

#[test]
fn a_split_ends_the_entitlement_and_pays_each_party_its_share() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));
		let id = purchase(ALICE, plan);
		let telco_before = balance(TELCO);
		System::set_block_number(7);

		// 60 % back to the holder, the rest to the operator (no margin in this mock).
		assert_eq!(end(id, 6_000), Ok((6 * DOLLAR, Release { to_payee: 4 * DOLLAR, margin: 0 })));

		assert_eq!(balance(ALICE), STARTING_BALANCE - 4 * DOLLAR);
		assert_eq!(balance(TELCO), telco_before + 4 * DOLLAR);
		assert_eq!(held(id), Some(0));
		let record = entitlement(id);
		assert_eq!((record.expires_at, record.remaining_bytes), (6, 0));
		assert_eq!(
			last_catalog_event(),
			Some(Event::EntitlementEndedByRuling {
				entitlement: id,
				holder: ALICE,
				refunded: 6 * DOLLAR,
				released: 4 * DOLLAR,
			})
		);
		assert_consistent();
	});
}

#[test]
fn after_the_settlement_deadline_everything_held_is_the_holders_whatever_the_share() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));
		let id = purchase(ALICE, plan);
		// Past the deadline, before the refund has run.
		System::set_block_number(entitlement(id).expires_at + GRACE + 1);
		assert_eq!(end(id, 0), Ok((10 * DOLLAR, Release::default())));
		assert_eq!(balance(ALICE), STARTING_BALANCE);
		assert_consistent();
	});
}

#[test]
fn a_frozen_or_unknown_entitlement_is_refused_and_nothing_changes() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));
		let id = purchase(ALICE, plan);
		assert_noop!(end(id + 1, 5_000), Error::<Test>::UnknownEntitlement);
		let intent = entitlement(id).intent;
		frame_support::assert_ok!(<Escrow as EscrowLedger<_, _>>::freeze(intent));
		assert_noop!(end(id, 5_000), pallet_escrow::Error::<Test>::Frozen);
	});
}
