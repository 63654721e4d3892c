//! One file per call, each with its success path and every error it can return.

pub(crate) mod mock;

mod buy;
mod cancel;
mod list;

use frame_support::assert_ok;
use gesim_primitives::{Bytes, EntitlementId, StablecoinAmount};
use mock::*;

/// `seller` lists `bytes` of `entitlement` for `price`; returns the listing.
pub(crate) fn list(
	seller: AccountId,
	entitlement: EntitlementId,
	bytes: Bytes,
	price: StablecoinAmount,
) -> crate::ListingId {
	let listing = crate::NextListingId::<Test>::get();
	assert_ok!(Resale::list(RuntimeOrigin::signed(seller), entitlement, bytes, price));
	listing
}
