//! `list`: a holder offers a chunk of an entitlement's unused quota.

use super::*;
use crate::{Error, Event, Listed, Listing, Listings, ListingsOf};
use frame_support::assert_noop;
use gesim_primitives::{ProtocolParameter, ResaleBounds};

#[test]
fn a_listing_reserves_its_quota_and_is_stamped_with_the_chain_s_time() {
	run(|| {
		System::set_block_number(5);
		let listing = list(ALICE, ENTITLEMENT, GIB, DOLLAR);
		assert_eq!(
			Listings::<Test>::get(listing),
			Some(Listing {
				seller: ALICE,
				entitlement: ENTITLEMENT,
				bytes: GIB,
				price: DOLLAR,
				listed_at: 5 * SLOT_SECS,
			})
		);
		let second = list(ALICE, ENTITLEMENT, 2 * GIB, DOLLAR);
		let listed = Listed::<Test>::get(ENTITLEMENT).expect("indexed");
		assert_eq!((listed.listings.to_vec(), listed.bytes), (vec![listing, second], 3 * GIB));
		assert_eq!(ListingsOf::<Test>::get(ALICE).to_vec(), vec![listing, second]);
		assert_eq!(
			last_event(),
			Event::Listed {
				listing: second,
				seller: ALICE,
				entitlement: ENTITLEMENT,
				bytes: 2 * GIB,
				price: DOLLAR,
				expires_at: EXPIRES_AT,
			}
		);
	});
}

#[test]
fn the_price_per_byte_is_capped_at_the_council_s_share_of_the_plan_s() {
	run(|| {
		// The plan sells 10 GiB for $10: 1 GiB is worth $1 at most by default.
		assert_noop!(
			Resale::list(RuntimeOrigin::signed(ALICE), ENTITLEMENT, GIB, DOLLAR + 1),
			Error::<Test>::PriceAboveCap
		);
		list(ALICE, ENTITLEMENT, GIB, DOLLAR);
		// The council allows 120 %, and a smallest chunk of 1 GiB.
		TestParameters::put(ProtocolParameter::<u64>::ResaleBounds(ResaleBounds {
			min_chunk_bytes: GIB,
			max_price_bps: 12_000,
		}));
		list(ALICE, SECOND, GIB, 1_200_000);
		assert_noop!(
			Resale::list(RuntimeOrigin::signed(ALICE), SECOND, GIB, 1_200_001),
			Error::<Test>::PriceAboveCap
		);
		assert_noop!(
			Resale::list(RuntimeOrigin::signed(ALICE), SECOND, GIB - 1, 1),
			Error::<Test>::ChunkTooSmall
		);
	});
}

#[test]
fn bad_listings_are_refused_by_name_and_change_nothing() {
	run(|| {
		let list_as = |who, entitlement, bytes, price| {
			Resale::list(RuntimeOrigin::signed(who), entitlement, bytes, price)
		};
		assert_noop!(list_as(ALICE, 99, GIB, 1), Error::<Test>::UnknownEntitlement);
		assert_noop!(list_as(BOB, ENTITLEMENT, GIB, 1), Error::<Test>::NotHolder);
		assert_noop!(list_as(ALICE, ENTITLEMENT, 100 * MIB - 1, 1), Error::<Test>::ChunkTooSmall);
		assert_noop!(list_as(ALICE, ENTITLEMENT, GIB, 0), Error::<Test>::ZeroPrice);
		assert_noop!(list_as(ALICE, ENTITLEMENT, 10 * GIB + 1, 1), Error::<Test>::NotEnoughQuota);
		assert_noop!(list_as(ALICE, ENTITLEMENT, Bytes::MAX, 1), Error::<Test>::NotEnoughQuota);

		// Listed quota is no longer the seller's to list again.
		list(ALICE, ENTITLEMENT, 6 * GIB, 1);
		assert_noop!(list_as(ALICE, ENTITLEMENT, 4 * GIB + 1, 1), Error::<Test>::NotEnoughQuota);
		list(ALICE, ENTITLEMENT, 3 * GIB, 1);
		// Two listings per entitlement, three per seller.
		assert_noop!(
			list_as(ALICE, ENTITLEMENT, 100 * MIB, 1),
			Error::<Test>::TooManyListingsOfEntitlement
		);
		list(ALICE, SECOND, GIB, 1);
		assert_noop!(list_as(ALICE, SECOND, GIB, 1), Error::<Test>::TooManyListingsOfSeller);

		System::set_block_number(EXPIRES_AT + 1);
		let third = MockCatalog::issue(ALICE);
		world(|w| w.entitlements.get_mut(&third).expect("issued").expires_at = EXPIRES_AT);
		assert_noop!(list_as(ALICE, third, GIB, 1), Error::<Test>::EntitlementExpired);
	});
}
