//! `buy`: atomic — the price to the seller, the quota and its money to the buyer, or nothing.

use super::*;
use crate::{Error, Event, Listed, Listings, ListingsOf};
use frame_support::assert_noop;
use sp_runtime::{DispatchError, TokenError};

fn buy(buyer: AccountId, listing: crate::ListingId) -> sp_runtime::DispatchResult {
	Resale::buy(RuntimeOrigin::signed(buyer), listing)
}

#[test]
fn the_buyer_pays_the_seller_and_gets_the_quota_with_the_money_behind_it() {
	run(|| {
		let listing = list(ALICE, ENTITLEMENT, 3 * GIB, 2 * DOLLAR);
		let other = list(ALICE, ENTITLEMENT, GIB, DOLLAR);
		System::set_block_number(2);
		let to = world(|w| w.entitlements.len() as EntitlementId);

		assert_ok!(buy(BOB, listing));

		assert_eq!(balance(BOB), STARTING_BALANCE - 2 * DOLLAR);
		assert_eq!(balance(ALICE), STARTING_BALANCE + 2 * DOLLAR);
		let (bought, held, left) = world(|w| {
			(w.entitlements[&to].clone(), w.held[&to], w.entitlements[&ENTITLEMENT].remaining_bytes)
		});
		assert_eq!((bought.holder, bought.remaining_bytes, held), (BOB, 3 * GIB, 3 * DOLLAR));
		assert_eq!(left, 7 * GIB);
		assert_eq!(
			last_event(),
			Event::Sold {
				listing,
				seller: ALICE,
				buyer: BOB,
				from: ENTITLEMENT,
				to,
				bytes: 3 * GIB,
				price: 2 * DOLLAR,
				moved: 3 * DOLLAR,
			}
		);
		// Gone, and its quota no longer reserved; the other listing stays.
		assert!(Listings::<Test>::get(listing).is_none());
		let listed = Listed::<Test>::get(ENTITLEMENT).expect("the other listing");
		assert_eq!((listed.listings.to_vec(), listed.bytes), (vec![other], GIB));
		assert_eq!(ListingsOf::<Test>::get(ALICE).to_vec(), vec![other]);
		assert_noop!(buy(CAROL, listing), Error::<Test>::UnknownListing);
	});
}

#[test]
fn a_listing_is_bought_only_once_the_seller_s_usage_is_settled_up_to_it() {
	run(|| {
		System::set_block_number(10);
		let listing = list(ALICE, ENTITLEMENT, GIB, DOLLAR);
		let listed_at = 10 * SLOT_SECS;
		// An anchored batch still waits for its proof.
		world(|w| w.settled_until.insert(ENTITLEMENT, None));
		assert_noop!(buy(BOB, listing), Error::<Test>::UsageNotCleared);
		// Settled, but only up to the second before the listing.
		world(|w| w.settled_until.insert(ENTITLEMENT, Some(listed_at - 1)));
		assert_noop!(buy(BOB, listing), Error::<Test>::UsageNotCleared);
		world(|w| w.settled_until.insert(ENTITLEMENT, Some(listed_at)));
		assert_ok!(buy(BOB, listing));
	});
}

#[test]
fn bad_purchases_are_refused_by_name_and_change_nothing() {
	run(|| {
		let listing = list(ALICE, ENTITLEMENT, GIB, DOLLAR);
		assert_noop!(buy(BOB, listing + 1), Error::<Test>::UnknownListing);
		assert_noop!(buy(ALICE, listing), Error::<Test>::OwnListing);
		// The catalog's refusals come through: a buyer with no live identity, a disputed
		// (frozen) escrow, quota that settled usage took since the listing.
		assert_noop!(buy(STRANGER, listing), DispatchError::Other("NotVerified"));
		world(|w| w.frozen.insert(ENTITLEMENT));
		assert_noop!(buy(BOB, listing), DispatchError::Other("Frozen"));
		world(|w| w.frozen.remove(&ENTITLEMENT));
		world(|w| w.entitlements.get_mut(&ENTITLEMENT).expect("exists").remaining_bytes = GIB - 1);
		assert_noop!(buy(BOB, listing), DispatchError::Other("InsufficientQuota"));
		world(|w| w.entitlements.get_mut(&ENTITLEMENT).expect("exists").remaining_bytes = GIB);

		// A buyer who cannot pay, and keep its account, pays nothing.
		let dear = list(ALICE, SECOND, 10 * GIB, STARTING_BALANCE / 10);
		world(|w| w.verified.insert(ALICE + 100));
		assert_noop!(buy(ALICE + 100, dear), TokenError::FundsUnavailable);

		System::set_block_number(EXPIRES_AT + 1);
		assert_noop!(buy(BOB, listing), Error::<Test>::ListingExpired);
	});
}
