//! `register_device_key` and `remove_device_key`.

use super::*;
use crate::{DeviceKeys, Error, Event};
use frame_support::{assert_noop, assert_ok};

#[test]
fn a_subscriber_registers_and_removes_device_keys() {
	new_test_ext().execute_with(|| {
		let phone = [0x22; 32];
		assert_ok!(EsimProvisioning::register_device_key(RuntimeOrigin::signed(SUBSCRIBER), phone));
		assert_eq!(last_event(), Event::DeviceKeyRegistered { who: SUBSCRIBER, key: phone });
		assert_eq!(DeviceKeys::<Test>::get(SUBSCRIBER).into_inner(), vec![DEVICE_KEY, phone]);

		assert_ok!(EsimProvisioning::remove_device_key(
			RuntimeOrigin::signed(SUBSCRIBER),
			DEVICE_KEY
		));
		assert_eq!(last_event(), Event::DeviceKeyRemoved { who: SUBSCRIBER, key: DEVICE_KEY });
		assert_ok!(EsimProvisioning::remove_device_key(RuntimeOrigin::signed(SUBSCRIBER), phone));
		assert!(!DeviceKeys::<Test>::contains_key(SUBSCRIBER), "no empty entry is left");
	});
}

#[test]
fn the_all_zero_key_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			EsimProvisioning::register_device_key(RuntimeOrigin::signed(SUBSCRIBER), [0; 32]),
			Error::<Test>::InvalidDeviceKey
		);
	});
}

#[test]
fn a_key_is_registered_once_and_keys_are_bounded() {
	new_test_ext().execute_with(|| {
		let origin = || RuntimeOrigin::signed(SUBSCRIBER);
		assert_noop!(
			EsimProvisioning::register_device_key(origin(), DEVICE_KEY),
			Error::<Test>::DeviceKeyAlreadyRegistered
		);
		assert_ok!(EsimProvisioning::register_device_key(origin(), [0x22; 32]));
		assert_noop!(
			EsimProvisioning::register_device_key(origin(), [0x33; 32]),
			Error::<Test>::TooManyDeviceKeys
		);
	});
}

#[test]
fn removing_a_key_not_registered_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			EsimProvisioning::remove_device_key(RuntimeOrigin::signed(SUBSCRIBER), [0x22; 32]),
			Error::<Test>::UnknownDeviceKey
		);
		assert_noop!(
			EsimProvisioning::remove_device_key(
				RuntimeOrigin::signed(OTHER_SUBSCRIBER),
				DEVICE_KEY
			),
			Error::<Test>::UnknownDeviceKey
		);
	});
}
