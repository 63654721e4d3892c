//! Hardware swaps: proposed through `DeviceSwaps` (as a ruling does), locked until both
//! holders accept, declined by either, or expired.

use super::mock::*;
use crate::{Error, Event, LockedDevices, Swaps};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::DeviceSwaps;

fn assert_unlocked_where_they_were(lent: u32, spare: u32) {
	assert_eq!((holder(lent), holder(spare)), (Some(SUBSCRIBER), Some(LENDER)));
	assert_eq!(Swaps::<Test>::iter().count(), 0);
	assert_eq!(LockedDevices::<Test>::iter().count(), 0);
	assert_ok!(hand_over(&SUBSCRIBER, lent, &NEIGHBOUR));
	assert_ok!(hand_over(&LENDER, spare, &NEIGHBOUR));
}

#[test]
fn both_holders_accept_and_the_devices_change_hands() {
	run(|| {
		System::set_block_number(5);
		let (swap, lent, spare) = proposed_swap();
		assert_eq!(
			last_event(),
			Event::SwapProposed {
				swap,
				first_holder: SUBSCRIBER,
				first_device: lent,
				second_holder: LENDER,
				second_device: spare,
				meetup: MEETUP,
				expires_at: 5 + ACCEPTANCE_PERIOD,
			}
			.into()
		);

		assert_ok!(Devices::accept_swap(RuntimeOrigin::signed(SUBSCRIBER), swap));
		assert_eq!(last_event(), Event::SwapAccepted { swap, holder: SUBSCRIBER }.into());
		assert_eq!((holder(lent), holder(spare)), (Some(SUBSCRIBER), Some(LENDER)));

		assert_ok!(Devices::accept_swap(RuntimeOrigin::signed(LENDER), swap));

		assert_eq!((holder(lent), holder(spare)), (Some(LENDER), Some(SUBSCRIBER)));
		assert_eq!(last_event(), Event::SwapCompleted { swap }.into());
		assert!(!Swaps::<Test>::contains_key(swap));
		assert_eq!(LockedDevices::<Test>::iter().count(), 0);
		// Unlocked after the swap.
		assert_ok!(hand_over(&SUBSCRIBER, spare, &NEIGHBOUR));
		assert_ok!(Devices::retire_device(RuntimeOrigin::signed(LENDER), lent));
	});
}

#[test]
fn a_device_in_a_swap_cannot_be_given_away_sold_or_burnt() {
	run(|| {
		let (_, lent, spare) = proposed_swap();

		assert_noop!(
			hand_over(&SUBSCRIBER, lent, &NEIGHBOUR),
			pallet_nfts::Error::<Test>::ItemLocked
		);
		assert_noop!(hand_over(&LENDER, spare, &NEIGHBOUR), pallet_nfts::Error::<Test>::ItemLocked);
		assert_noop!(
			Nfts::burn(RuntimeOrigin::signed(SUBSCRIBER), collection(), lent),
			pallet_nfts::Error::<Test>::ItemLocked
		);
		assert_ok!(Nfts::set_price(
			RuntimeOrigin::signed(SUBSCRIBER),
			collection(),
			lent,
			Some(1),
			None
		));
		assert_noop!(
			Nfts::buy_item(RuntimeOrigin::signed(OTHER_LENDER), collection(), lent, 1),
			pallet_nfts::Error::<Test>::ItemLocked
		);
	});
}

#[test]
fn a_proposal_is_refused_with_a_named_error_and_changes_nothing() {
	run(|| {
		let (a, b) = (register(&LENDER, 1), register(&LENDER, 2));
		hand_over(&LENDER, a, &SUBSCRIBER).unwrap();

		assert_noop!(
			Devices::propose_swap((&LENDER, b), (&LENDER, b), MEETUP),
			Error::<Test>::SameHolder
		);
		assert_noop!(
			Devices::propose_swap((&SUBSCRIBER, a), (&LENDER, 7), MEETUP),
			Error::<Test>::UnknownDevice
		);
		assert_noop!(
			Devices::propose_swap((&SUBSCRIBER, b), (&LENDER, a), MEETUP),
			Error::<Test>::NotHolder
		);
		assert_noop!(
			Devices::propose_swap((&NEIGHBOUR, a), (&LENDER, b), MEETUP),
			Error::<Test>::NotHolder
		);

		let swap = Devices::propose_swap((&SUBSCRIBER, a), (&LENDER, b), MEETUP).unwrap();
		let c = register(&LENDER, 3);
		assert_noop!(
			Devices::propose_swap((&SUBSCRIBER, a), (&LENDER, c), MEETUP),
			Error::<Test>::DeviceInSwap
		);
		assert_noop!(
			Devices::propose_swap((&LENDER, b), (&SUBSCRIBER, a), MEETUP),
			Error::<Test>::DeviceInSwap
		);
		assert_eq!(Swaps::<Test>::iter().count(), 1);
		assert_eq!(LockedDevices::<Test>::get(a), Some(swap));
	});
}

#[test]
fn an_acceptance_is_refused_with_a_named_error_and_changes_nothing() {
	run(|| {
		let (swap, ..) = proposed_swap();
		let accept = |who: AccountId, swap| Devices::accept_swap(RuntimeOrigin::signed(who), swap);

		assert_noop!(accept(SUBSCRIBER, swap + 1), Error::<Test>::UnknownSwap);
		assert_noop!(accept(NEIGHBOUR, swap), Error::<Test>::NotASwapParty);
		assert_ok!(accept(SUBSCRIBER, swap));
		assert_noop!(accept(SUBSCRIBER, swap), Error::<Test>::AlreadyAccepted);

		System::set_block_number(1 + ACCEPTANCE_PERIOD + 1);
		assert_noop!(accept(LENDER, swap), Error::<Test>::SwapExpired);
	});
}

#[test]
fn the_last_block_of_the_acceptance_period_still_accepts() {
	run(|| {
		let (swap, lent, spare) = proposed_swap();
		assert_ok!(Devices::accept_swap(RuntimeOrigin::signed(LENDER), swap));

		System::set_block_number(1 + ACCEPTANCE_PERIOD);
		assert_ok!(Devices::accept_swap(RuntimeOrigin::signed(SUBSCRIBER), swap));

		assert_eq!((holder(lent), holder(spare)), (Some(LENDER), Some(SUBSCRIBER)));
	});
}

#[test]
fn either_holder_declines_and_both_devices_unlock_where_they_were() {
	for decliner in [SUBSCRIBER, LENDER] {
		run(|| {
			let (swap, lent, spare) = proposed_swap();
			assert_ok!(Devices::accept_swap(RuntimeOrigin::signed(SUBSCRIBER), swap));
			assert_noop!(
				Devices::decline_swap(RuntimeOrigin::signed(NEIGHBOUR), swap),
				Error::<Test>::NotASwapParty
			);

			assert_ok!(Devices::decline_swap(RuntimeOrigin::signed(decliner.clone()), swap));

			assert_eq!(last_event(), Event::SwapDeclined { swap, holder: decliner }.into());
			assert_noop!(
				Devices::accept_swap(RuntimeOrigin::signed(LENDER), swap),
				Error::<Test>::UnknownSwap
			);
			assert_unlocked_where_they_were(lent, spare);
		});
	}
}

#[test]
fn anyone_clears_a_swap_not_accepted_in_time() {
	run(|| {
		let (swap, lent, spare) = proposed_swap();
		assert_ok!(Devices::accept_swap(RuntimeOrigin::signed(SUBSCRIBER), swap));
		let expire = || Devices::expire_swap(RuntimeOrigin::signed(NEIGHBOUR), swap);

		System::set_block_number(1 + ACCEPTANCE_PERIOD);
		assert_noop!(expire(), Error::<Test>::SwapNotExpired);

		System::set_block_number(1 + ACCEPTANCE_PERIOD + 1);
		assert_ok!(expire());

		assert_eq!(last_event(), Event::SwapExpired { swap }.into());
		assert_noop!(expire(), Error::<Test>::UnknownSwap);
		assert_unlocked_where_they_were(lent, spare);
	});
}
