//! `EntitlementLedger`: metering reads entitlements and consumes their quota.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{EntitlementLedger, EntitlementView};

type Ledger = PlanCatalog;

#[test]
fn the_view_shows_what_metering_needs() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));
		let id = purchase(ALICE, plan);
		assert_eq!(
			<Ledger as EntitlementLedger<_, _>>::entitlement(id),
			Some(EntitlementView {
				holder: ALICE,
				telco: TELCO,
				plan,
				remaining_bytes: 5 * GB,
				expires_at: 101,
				intent: entitlement(id).intent
			})
		);
		assert_eq!(<Ledger as EntitlementLedger<_, _>>::entitlement(id + 1), None);
	});
}

#[test]
fn consumption_takes_from_the_remaining_quota() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(5, 10)));
		assert_eq!(<Ledger as EntitlementLedger<_, _>>::consume(id, GB), Ok(GB));
		assert_eq!(entitlement(id).remaining_bytes, 4 * GB);
		assert_eq!(
			last_catalog_event(),
			Some(Event::QuotaConsumed { entitlement: id, bytes: GB, remaining_bytes: 4 * GB })
		);
		// On its last valid block too.
		System::set_block_number(101);
		assert_ok!(<Ledger as EntitlementLedger<_, _>>::consume(id, 1));
	});
}

#[test]
fn consumption_is_capped_at_the_remaining_quota() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 10)));
		assert_eq!(<Ledger as EntitlementLedger<_, _>>::consume(id, 3 * GB), Ok(GB));
		assert_eq!(entitlement(id).remaining_bytes, 0);
		// Nothing left: nothing taken, nothing written.
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		assert_eq!(<Ledger as EntitlementLedger<_, _>>::consume(id, GB), Ok(0));
		assert_eq!(<Ledger as EntitlementLedger<_, _>>::consume(id, 0), Ok(0));
		assert_eq!(root, sp_io::storage::root(sp_runtime::StateVersion::V1));
	});
}

#[test]
fn consuming_an_unknown_entitlement_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			<Ledger as EntitlementLedger<_, _>>::consume(3, GB),
			Error::<Test>::UnknownEntitlement
		);
	});
}

#[test]
fn usage_proved_late_is_consumed_after_the_expiry() {
	new_test_ext().execute_with(|| {
		let id = purchase(ALICE, create_plan(TELCO, terms(1, 10)));
		System::set_block_number(102);
		assert_eq!(<Ledger as EntitlementLedger<_, _>>::consume(id, GB / 2), Ok(GB / 2));
		assert_eq!(Entitlements::<Test>::get(id).unwrap().remaining_bytes, GB / 2);
	});
}
