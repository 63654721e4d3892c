//! The queries behind the runtime API.

use super::*;
use std::collections::BTreeSet;

#[test]
fn orders_are_listed_per_entitlement_and_per_operator_page() {
	new_test_ext().execute_with(|| {
		let failed = request(ENTITLEMENT);
		assert_ok!(submit(failed, no_profile_available()));
		let open = request(ENTITLEMENT);
		let ids = |views: Vec<crate::OrderViewOf<Test>>| {
			views.into_iter().map(|v| v.id).collect::<Vec<_>>()
		};
		assert_eq!(ids(EsimProvisioning::orders_of_entitlement(ENTITLEMENT)), vec![failed, open]);
		assert_eq!(EsimProvisioning::order(open).map(|v| v.order), Some(order(open)));
		assert_eq!(EsimProvisioning::order(99), None);

		// TELCO has three open orders (OTHER_SUBSCRIBER's too); OTHER_TELCO's is not among them.
		assert_ok!(EsimProvisioning::register_device_key(
			RuntimeOrigin::signed(OTHER_SUBSCRIBER),
			DEVICE_KEY
		));
		for entitlement in [NEIGHBOUR_ENTITLEMENT] {
			assert_ok!(EsimProvisioning::request_profile(
				RuntimeOrigin::signed(OTHER_SUBSCRIBER),
				entitlement,
				DEVICE_KEY,
				None,
				false
			));
		}
		request(OTHER_ENTITLEMENT);
		let first = ids(EsimProvisioning::open_orders(TELCO, None, 1));
		assert_eq!(first.len(), 1);
		let rest = ids(EsimProvisioning::open_orders(TELCO, first.last().copied(), 10));
		let all: BTreeSet<_> = first.iter().chain(&rest).copied().collect();
		assert_eq!(all, BTreeSet::from([open, open + 1]));
		assert_eq!(first.len() + rest.len(), 2, "no order on two pages");
		assert_eq!(EsimProvisioning::device_keys_of(OTHER_SUBSCRIBER), vec![DEVICE_KEY]);
	});
}

use frame_support::assert_ok;
