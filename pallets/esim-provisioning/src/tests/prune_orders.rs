//! `prune_orders`: the orders of a closed entitlement are removed.

use super::*;
use crate::{Error, Event, OpenOrders, Provisioning};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};

#[test]
fn the_orders_of_a_closed_entitlement_are_removed_for_free() {
	new_test_ext().execute_with(|| {
		let failed = request(ENTITLEMENT);
		assert_ok!(submit(failed, no_profile_available()));
		let open = request(ENTITLEMENT);
		assert_noop!(
			EsimProvisioning::prune_orders(RuntimeOrigin::signed(OTHER_SUBSCRIBER), ENTITLEMENT),
			Error::<Test>::EntitlementStillOpen
		);
		world(|w| w.entitlements.remove(&ENTITLEMENT));

		let info =
			EsimProvisioning::prune_orders(RuntimeOrigin::signed(OTHER_SUBSCRIBER), ENTITLEMENT)
				.unwrap();

		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(info.actual_weight, Some(<() as crate::WeightInfo>::prune_orders(2)));
		assert_eq!(last_event(), Event::OrdersPruned { entitlement: ENTITLEMENT, orders: 2 });
		assert!(
			crate::Orders::<Test>::get(failed).is_none()
				&& crate::Orders::<Test>::get(open).is_none()
		);
		assert!(!OpenOrders::<Test>::contains_key(TELCO, open));
		assert!(!Provisioning::<Test>::contains_key(ENTITLEMENT));
		assert_noop!(
			EsimProvisioning::prune_orders(RuntimeOrigin::signed(OTHER_SUBSCRIBER), ENTITLEMENT),
			Error::<Test>::NothingToPrune
		);
		assert_consistent();
	});
}
