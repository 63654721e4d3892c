//! `OnPlanSwitch`: the installed profile follows a plan switch.

use super::*;
use crate::{Error, Event, Provisioning};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{EntitlementView, OnPlanSwitch};

/// SUBSCRIBER switched ENTITLEMENT for a new entitlement 8 of TELCO.
fn switch() -> EntitlementId {
	let to = 8;
	world(|w| {
		let old = w.entitlements.get_mut(&ENTITLEMENT).unwrap();
		old.expires_at = System::block_number() - 1;
		w.entitlements.insert(
			to,
			EntitlementView {
				holder: SUBSCRIBER,
				telco: TELCO,
				plan: 2,
				remaining_bytes: 1 << 31,
				expires_at: EXPIRES_AT,
				intent: 8,
			},
		);
	});
	<EsimProvisioning as OnPlanSwitch>::switched(ENTITLEMENT, to);
	to
}

#[test]
fn the_installed_profile_serves_the_new_entitlement() {
	new_test_ext().execute_with(|| {
		let id = installed_order();
		System::set_block_number(5);
		let to = switch();

		assert_eq!(last_event(), Event::ProfileCarriedOver { order: id, from: ENTITLEMENT, to });
		assert_eq!(order(id).entitlement, to);
		let new = Provisioning::<Test>::get(to);
		assert_eq!((new.orders.into_inner(), new.profile, new.served), (vec![id], Some(id), true));
		let old = Provisioning::<Test>::get(ENTITLEMENT);
		assert_eq!((old.orders.len(), old.profile, old.served), (0, None, true));
		// No second profile unless asked for.
		assert_noop!(
			EsimProvisioning::request_profile(
				RuntimeOrigin::signed(SUBSCRIBER),
				to,
				DEVICE_KEY,
				None,
				false
			),
			Error::<Test>::ProfileAlreadyInstalled
		);
		// Its later receipts are about the new entitlement.
		assert_ok!(submit(id, Receipt::Deleted));
		assert_eq!(Provisioning::<Test>::get(to).profile, None);
		assert_consistent();
	});
}

#[test]
fn without_an_installed_profile_nothing_moves() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		System::set_block_number(5);
		let events = System::events().len();
		let to = switch();
		assert_eq!(System::events().len(), events);
		assert_eq!(order(id).entitlement, ENTITLEMENT);
		assert_eq!(Provisioning::<Test>::get(to), Default::default());
		// The new entitlement orders its own profile.
		request(to);
		assert_consistent();
	});
}
