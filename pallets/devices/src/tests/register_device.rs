//! `register_device`: an active operator registers a device it lends; the item is minted to
//! it and moves like any transferable item.

use super::mock::*;
use crate::{DeviceKind, Devices as DeviceRecords, DevicesPerLender, Error, Event, SerialHashes};
use frame_support::{assert_noop, assert_ok, traits::fungible::Mutate};

#[test]
fn an_active_operator_registers_a_device_and_holds_its_item() {
	run(|| {
		System::set_block_number(3);

		assert_ok!(Devices::register_device(
			RuntimeOrigin::signed(LENDER),
			DeviceKind::Hotspot,
			serial(1)
		));

		assert_eq!(holder(0), Some(LENDER));
		let record = DeviceRecords::<Test>::get(0).expect("registered");
		assert_eq!(
			(record.lender, record.kind, record.serial_hash, record.deposit, record.registered_at),
			(LENDER, DeviceKind::Hotspot, serial(1), DEVICE_DEPOSIT, 3)
		);
		assert_eq!(SerialHashes::<Test>::get(serial(1)), Some(0));
		assert_eq!(DevicesPerLender::<Test>::get(LENDER), 1);
		assert_eq!(free(&LENDER), LENDER_BALANCE - DEVICE_DEPOSIT);
		assert_eq!(
			(free(&pallet_account()), reserved(&pallet_account())),
			(1 + DEVICE_DEPOSIT - ITEM_DEPOSIT, COLLECTION_DEPOSIT + ITEM_DEPOSIT),
			"the lender's deposit pays pallet-nfts' item deposit"
		);
		assert_eq!(
			last_event(),
			Event::DeviceRegistered {
				device: 0,
				lender: LENDER,
				kind: DeviceKind::Hotspot,
				serial_hash: serial(1)
			}
			.into()
		);
	});
}

#[test]
fn a_lent_device_changes_hands_as_any_transferable_item() {
	run(|| {
		let router = register(&LENDER, 1);

		assert_ok!(hand_over(&LENDER, router, &SUBSCRIBER));
		assert_eq!(holder(router), Some(SUBSCRIBER));
		assert_ok!(hand_over(&SUBSCRIBER, router, &NEIGHBOUR));
		assert_eq!(holder(router), Some(NEIGHBOUR));
		assert_eq!(DeviceRecords::<Test>::get(router).map(|d| d.lender), Some(LENDER));
	});
}

#[test]
fn registration_is_refused_with_a_named_error_and_changes_nothing() {
	run(|| {
		let register_as = |who: AccountId, n: u8| {
			Devices::register_device(RuntimeOrigin::signed(who), DeviceKind::Router, serial(n))
		};
		assert_noop!(register_as(SUBSCRIBER, 1), Error::<Test>::NotActiveTelco);
		assert_noop!(register_as(POOR_LENDER, 1), Error::<Test>::InsufficientDeposit);

		register(&LENDER, 1);
		assert_noop!(register_as(LENDER, 1), Error::<Test>::SerialAlreadyRegistered);
		assert_noop!(register_as(OTHER_LENDER, 1), Error::<Test>::SerialAlreadyRegistered);

		for n in 2..=MAX_DEVICES as u8 {
			register(&LENDER, n);
		}
		assert_noop!(register_as(LENDER, 9), Error::<Test>::TooManyDevices);
		// The bound is per lender.
		assert_ok!(register_as(OTHER_LENDER, 9));

		gesim_primitives::testing::TestTelcos::set_active(&LENDER, false);
		assert_noop!(register_as(LENDER, 10), Error::<Test>::NotActiveTelco);
	});
}

#[test]
fn without_the_collection_deposit_registration_is_refused() {
	run(|| {
		crate::DeviceCollection::<Test>::kill();
		Balances::set_balance(&pallet_account(), 0);

		assert_noop!(
			Devices::register_device(RuntimeOrigin::signed(LENDER), DeviceKind::Cpe, serial(1)),
			Error::<Test>::CollectionUnfunded
		);
	});
}
