//! `request_profile`: a subscriber orders an eSIM profile for an entitlement.

use super::*;
use crate::{EidBinding, Error, Event, OpenOrders, Provisioning, ProvisioningOrder};
use frame_support::{assert_noop, assert_ok};

fn binding(commitment: gesim_primitives::EidCommitment, sealed_len: usize) -> Option<EidBinding> {
	Some(EidBinding { commitment, sealed_opening: vec![7; sealed_len].try_into().unwrap() })
}

#[test]
fn an_order_waits_for_the_operator_with_its_deadline() {
	new_test_ext().execute_with(|| {
		System::set_block_number(4);
		assert_ok!(EsimProvisioning::request_profile(
			RuntimeOrigin::signed(SUBSCRIBER),
			ENTITLEMENT,
			DEVICE_KEY,
			binding(EID, 92),
			false
		));

		assert_eq!(
			order(0),
			ProvisioningOrder {
				entitlement: ENTITLEMENT,
				subscriber: SUBSCRIBER,
				telco: TELCO,
				device_key: DEVICE_KEY,
				eid: binding(EID, 92),
				requested_at: 4,
				serve_by: 4 + DEADLINE,
				status: OrderStatus::Requested,
				updated_at: 4,
				iccid_commitment: None,
				smdp_address: None,
				sealed_code: None,
				install_result_hash: None,
			}
		);
		assert_eq!(
			last_event(),
			Event::ProfileRequested {
				order: 0,
				entitlement: ENTITLEMENT,
				subscriber: SUBSCRIBER,
				telco: TELCO,
				serve_by: 4 + DEADLINE,
			}
		);
		assert!(OpenOrders::<Test>::contains_key(TELCO, 0));
		assert_eq!(Provisioning::<Test>::get(ENTITLEMENT).orders.into_inner(), vec![0]);
		assert_consistent();
	});
}

#[test]
fn only_the_holder_orders_for_a_live_entitlement() {
	new_test_ext().execute_with(|| {
		let ask = |who, entitlement| {
			EsimProvisioning::request_profile(
				RuntimeOrigin::signed(who),
				entitlement,
				DEVICE_KEY,
				None,
				false,
			)
		};
		assert_noop!(ask(SUBSCRIBER, 99), Error::<Test>::UnknownEntitlement);
		assert_noop!(ask(SUBSCRIBER, NEIGHBOUR_ENTITLEMENT), Error::<Test>::NotHolder);
		System::set_block_number(EXPIRES_AT);
		assert_ok!(ask(SUBSCRIBER, ENTITLEMENT));
		System::set_block_number(EXPIRES_AT + 1);
		assert_noop!(ask(SUBSCRIBER, OTHER_ENTITLEMENT), Error::<Test>::EntitlementExpired);
	});
}

#[test]
fn the_device_key_must_be_the_subscribers_own() {
	new_test_ext().execute_with(|| {
		// Registered by someone else: the code would be sealed to a stranger's device.
		assert_ok!(EsimProvisioning::register_device_key(
			RuntimeOrigin::signed(OTHER_SUBSCRIBER),
			[0x44; 32]
		));
		assert_noop!(
			EsimProvisioning::request_profile(
				RuntimeOrigin::signed(SUBSCRIBER),
				ENTITLEMENT,
				[0x44; 32],
				None,
				false
			),
			Error::<Test>::UnknownDeviceKey
		);
	});
}

#[test]
fn the_eid_must_be_one_the_identity_holds_with_a_sealed_opening() {
	new_test_ext().execute_with(|| {
		let ask = |eid| {
			EsimProvisioning::request_profile(
				RuntimeOrigin::signed(SUBSCRIBER),
				ENTITLEMENT,
				DEVICE_KEY,
				eid,
				false,
			)
		};
		assert_noop!(ask(binding([0xE2; 32], 92)), Error::<Test>::EidNotBound);
		assert_noop!(ask(binding(EID, 59)), Error::<Test>::MalformedSealedEid);
		assert_ok!(ask(binding(EID, 60)));
	});
}

#[test]
fn an_entitlement_has_one_open_order() {
	new_test_ext().execute_with(|| {
		let first = request(ENTITLEMENT);
		let again = || {
			EsimProvisioning::request_profile(
				RuntimeOrigin::signed(SUBSCRIBER),
				ENTITLEMENT,
				DEVICE_KEY,
				None,
				true,
			)
		};
		assert_noop!(again(), Error::<Test>::OrderAlreadyOpen);
		progress(first, [accepted(), code_released(), Receipt::Downloaded]);
		assert_noop!(again(), Error::<Test>::OrderAlreadyOpen);
		// Other entitlements are not held up.
		request(OTHER_ENTITLEMENT);
		assert_consistent();
	});
}

#[test]
fn a_served_entitlement_gets_a_new_profile_only_when_asked() {
	new_test_ext().execute_with(|| {
		installed_order();
		assert_noop!(
			EsimProvisioning::request_profile(
				RuntimeOrigin::signed(SUBSCRIBER),
				ENTITLEMENT,
				DEVICE_KEY,
				None,
				false
			),
			Error::<Test>::ProfileAlreadyInstalled
		);
		// A new phone: the subscriber asks for another profile on purpose.
		assert_ok!(EsimProvisioning::request_profile(
			RuntimeOrigin::signed(SUBSCRIBER),
			ENTITLEMENT,
			DEVICE_KEY,
			None,
			true
		));
		assert_consistent();
	});
}

#[test]
fn orders_per_entitlement_are_bounded() {
	new_test_ext().execute_with(|| {
		for _ in 0..MAX_ORDERS {
			let id = request(ENTITLEMENT);
			assert_ok!(EsimProvisioning::cancel_order(RuntimeOrigin::signed(SUBSCRIBER), id));
		}
		assert_noop!(
			EsimProvisioning::request_profile(
				RuntimeOrigin::signed(SUBSCRIBER),
				ENTITLEMENT,
				DEVICE_KEY,
				None,
				false
			),
			Error::<Test>::TooManyOrders
		);
	});
}

#[test]
fn a_refunded_entitlement_takes_no_order() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		assert_ok!(submit(id, no_profile_available()));
		assert_ok!(EsimProvisioning::refund_unserved(RuntimeOrigin::signed(SUBSCRIBER), id));
		// The revoked entitlement ended with the previous block, so either check refuses it;
		// the pallet's own flag refuses it first.
		world(|w| w.entitlements.get_mut(&ENTITLEMENT).unwrap().expires_at = EXPIRES_AT);
		assert_noop!(
			EsimProvisioning::request_profile(
				RuntimeOrigin::signed(SUBSCRIBER),
				ENTITLEMENT,
				DEVICE_KEY,
				None,
				false
			),
			Error::<Test>::AlreadyRefunded
		);
	});
}

#[test]
fn the_last_order_id_is_never_handed_out() {
	new_test_ext().execute_with(|| {
		crate::NextOrderId::<Test>::put(u64::MAX);
		assert_noop!(
			EsimProvisioning::request_profile(
				RuntimeOrigin::signed(SUBSCRIBER),
				ENTITLEMENT,
				DEVICE_KEY,
				None,
				false
			),
			Error::<Test>::NoOrderIdLeft
		);
	});
}
