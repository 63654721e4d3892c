//! `cancel` by the seller, and `remove_expired` by anyone once the entitlement ended.

use super::*;
use crate::{Error, Event, Listed, Listings, ListingsOf};
use frame_support::{assert_noop, dispatch::Pays};

#[test]
fn the_seller_withdraws_a_listing_and_may_use_or_list_its_quota_again() {
	run(|| {
		let listing = list(ALICE, ENTITLEMENT, 10 * GIB, DOLLAR);
		assert_noop!(Resale::cancel(RuntimeOrigin::signed(BOB), listing), Error::<Test>::NotSeller);
		assert_noop!(
			Resale::cancel(RuntimeOrigin::signed(ALICE), listing + 1),
			Error::<Test>::UnknownListing
		);
		assert_ok!(Resale::cancel(RuntimeOrigin::signed(ALICE), listing));
		assert_eq!(last_event(), Event::ListingCancelled { listing, seller: ALICE });
		assert!(Listings::<Test>::get(listing).is_none());
		assert!(!Listed::<Test>::contains_key(ENTITLEMENT));
		assert!(!ListingsOf::<Test>::contains_key(ALICE));
		list(ALICE, ENTITLEMENT, 10 * GIB, DOLLAR);
	});
}

#[test]
fn anyone_removes_a_listing_once_its_entitlement_ended_and_pays_nothing() {
	run(|| {
		let listing = list(ALICE, ENTITLEMENT, GIB, DOLLAR);
		let remove = || Resale::remove_expired(RuntimeOrigin::signed(CAROL), listing);
		System::set_block_number(EXPIRES_AT);
		assert_noop!(remove(), Error::<Test>::ListingNotExpired);

		System::set_block_number(EXPIRES_AT + 1);
		assert_eq!(remove().map(|post| post.pays_fee), Ok(Pays::No));
		assert_eq!(last_event(), Event::ListingExpired { listing });
		assert!(!Listed::<Test>::contains_key(ENTITLEMENT));
		assert_noop!(remove(), Error::<Test>::UnknownListing);

		// An entitlement closed since is as good as ended.
		System::set_block_number(1);
		let closed = list(ALICE, SECOND, GIB, DOLLAR);
		world(|w| w.entitlements.remove(&SECOND));
		assert_ok!(Resale::remove_expired(RuntimeOrigin::signed(CAROL), closed));
	});
}
