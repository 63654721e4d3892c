//! `EntitlementLedger::revoke_unserved`: an entitlement its operator never delivered ends, and
//! everything paid for it goes back.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{EntitlementLedger, EscrowLedger};

fn revoke(
	id: EntitlementId,
) -> Result<gesim_primitives::StablecoinAmount, sp_runtime::DispatchError> {
	<PlanCatalog as EntitlementLedger<_, _>>::revoke_unserved(id)
}

#[test]
fn revoking_refunds_everything_and_ends_the_entitlement_at_once() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));
		let id = purchase(ALICE, plan);
		System::set_block_number(7);

		assert_eq!(revoke(id), Ok(10 * DOLLAR));

		assert_eq!(balance(ALICE), STARTING_BALANCE);
		assert_eq!(held(id), Some(0));
		let record = entitlement(id);
		assert_eq!((record.expires_at, record.remaining_bytes), (6, 0));
		assert_eq!(
			last_catalog_event(),
			Some(Event::EntitlementRevoked {
				entitlement: id,
				holder: ALICE,
				refunded: 10 * DOLLAR
			})
		);
		// Nothing is left to pay from it, and it can be closed straight away.
		assert_eq!(<PlanCatalog as EntitlementLedger<_, _>>::consume(id, GB), Ok(0));
		assert_ok!(PlanCatalog::close_entitlement(RuntimeOrigin::signed(BOB), id));
		assert_consistent();
	});
}

#[test]
fn an_entitlement_that_already_ended_keeps_its_end_and_is_refunded() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));
		let id = purchase(ALICE, plan);
		let expires_at = entitlement(id).expires_at;
		// Ended, but the escrow has not refunded yet (settlement grace).
		System::set_block_number(expires_at + 2);

		assert_eq!(revoke(id), Ok(10 * DOLLAR));

		assert_eq!(entitlement(id).expires_at, expires_at);
		assert_eq!(balance(ALICE), STARTING_BALANCE);
		assert_consistent();
	});
}

#[test]
fn revoking_an_unknown_entitlement_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(revoke(42), Error::<Test>::UnknownEntitlement);
	});
}

#[test]
fn a_disputed_entitlement_is_not_revoked() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));
		let id = purchase(ALICE, plan);
		assert_ok!(<Escrow as EscrowLedger<_, _>>::freeze(entitlement(id).intent));
		System::set_block_number(3);

		assert_noop!(revoke(id), pallet_escrow::Error::<Test>::Frozen);
		assert_eq!(held(id), Some(10 * DOLLAR));
	});
}
