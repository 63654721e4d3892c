//! `retire_device`: the lender, holding the device again, burns its item and gets the deposit
//! back.

use super::mock::*;
use crate::{Devices as DeviceRecords, DevicesPerLender, Error, Event, SerialHashes};
use frame_support::{assert_noop, assert_ok};

fn assert_retired(device: u32) {
	assert_eq!(holder(device), None, "the item is burnt");
	assert!(!DeviceRecords::<Test>::contains_key(device));
	assert_eq!(SerialHashes::<Test>::get(serial(1)), None);
	assert_eq!(DevicesPerLender::<Test>::get(LENDER), 0);
	assert_eq!(free(&LENDER), LENDER_BALANCE);
	assert_eq!(
		(free(&pallet_account()), reserved(&pallet_account())),
		(1, COLLECTION_DEPOSIT),
		"the pallet account is back where it started"
	);
	assert_eq!(
		last_event(),
		Event::DeviceRetired { device, lender: LENDER, deposit_refunded: DEVICE_DEPOSIT }.into()
	);
}

#[test]
fn the_lender_holding_its_device_retires_it_and_gets_the_deposit_back() {
	run(|| {
		let router = register(&LENDER, 1);
		hand_over(&LENDER, router, &SUBSCRIBER).unwrap();
		hand_over(&SUBSCRIBER, router, &LENDER).unwrap();

		assert_ok!(Devices::retire_device(RuntimeOrigin::signed(LENDER), router));

		assert_retired(router);
		assert_eq!(register(&LENDER, 1), router + 1, "the serial can be registered again");
	});
}

#[test]
fn a_device_whose_holder_burnt_it_can_be_retired() {
	run(|| {
		let router = register(&LENDER, 1);
		hand_over(&LENDER, router, &SUBSCRIBER).unwrap();
		assert_ok!(Nfts::burn(RuntimeOrigin::signed(SUBSCRIBER), collection(), router));

		assert_ok!(Devices::retire_device(RuntimeOrigin::signed(LENDER), router));

		assert_retired(router);
	});
}

#[test]
fn retiring_is_refused_with_a_named_error_and_changes_nothing() {
	run(|| {
		let retire =
			|who: AccountId, device| Devices::retire_device(RuntimeOrigin::signed(who), device);
		assert_noop!(retire(LENDER, 0), Error::<Test>::UnknownDevice);

		let (_, lent, spare) = proposed_swap();
		assert_noop!(retire(OTHER_LENDER, spare), Error::<Test>::NotLender);
		assert_noop!(retire(SUBSCRIBER, lent), Error::<Test>::NotLender);
		assert_noop!(retire(LENDER, lent), Error::<Test>::DeviceInSwap);
		assert_noop!(retire(LENDER, spare), Error::<Test>::DeviceInSwap);

		let other = register(&LENDER, 3);
		hand_over(&LENDER, other, &NEIGHBOUR).unwrap();
		assert_noop!(retire(LENDER, other), Error::<Test>::DeviceLentOut);
	});
}
