//! Listing, buying and withdrawing chunks of quota.

use crate::*;
use frame_support::{
	ensure,
	traits::{fungible::Mutate, tokens::Preservation, UnixTime},
};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{
	Bytes, EntitlementId, EntitlementLedger, EntitlementView, ProtocolParameters, ResaleBounds,
	StablecoinAmount, UsageClearance, UsageSubject, BPS_DENOMINATOR,
};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding, DispatchError, DispatchResult, Rounding,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_list(
		seller: T::AccountId,
		entitlement: EntitlementId,
		bytes: Bytes,
		price: StablecoinAmount,
	) -> DispatchResult {
		let view =
			T::Entitlements::entitlement(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
		ensure!(view.holder == seller, Error::<T>::NotHolder);
		ensure!(Self::is_live(&view), Error::<T>::EntitlementExpired);
		let bounds = T::Parameters::resale_bounds();
		ensure!(bytes >= bounds.min_chunk_bytes, Error::<T>::ChunkTooSmall);
		ensure!(price > 0, Error::<T>::ZeroPrice);
		ensure!(price <= Self::price_cap(view.plan, bytes, &bounds)?, Error::<T>::PriceAboveCap);

		let listing = NextListingId::<T>::get();
		let next = listing.checked_add(1).ok_or(Error::<T>::NoListingIdLeft)?;
		let mut listed = Listed::<T>::get(entitlement).unwrap_or_default();
		listed.bytes = listed
			.bytes
			.checked_add(bytes)
			.filter(|total| *total <= view.remaining_bytes)
			.ok_or(Error::<T>::NotEnoughQuota)?;
		listed
			.listings
			.try_push(listing)
			.map_err(|_| Error::<T>::TooManyListingsOfEntitlement)?;
		ListingsOf::<T>::try_mutate(&seller, |own| own.try_push(listing))
			.map_err(|_| Error::<T>::TooManyListingsOfSeller)?;
		Listed::<T>::insert(entitlement, listed);
		NextListingId::<T>::put(next);
		let listed_at = T::UnixTime::now().as_secs();
		Listings::<T>::insert(
			listing,
			Listing { seller: seller.clone(), entitlement, bytes, price, listed_at },
		);
		Self::deposit_event(Event::Listed {
			listing,
			seller,
			entitlement,
			bytes,
			price,
			expires_at: view.expires_at,
		});
		Ok(())
	}

	/// The most `bytes` of `plan` may be listed for: the council's share of the plan's own
	/// price for that many bytes, rounded down.
	fn price_cap(
		plan: gesim_primitives::PlanId,
		bytes: Bytes,
		bounds: &ResaleBounds,
	) -> Result<StablecoinAmount, DispatchError> {
		let rate = T::Entitlements::plan_rate(plan).ok_or(Error::<T>::UnknownPlan)?;
		// Both products fit: 2^64 · 2^16 and 2^64 · 10^4.
		let share = bytes as u128 * bounds.max_price_bps as u128;
		let whole = (rate.quota_bytes as u128).max(1) * BPS_DENOMINATOR as u128;
		// Saturates only beyond u128, which no price reaches.
		Ok(multiply_by_rational_with_rounding(rate.price, share, whole, Rounding::Down)
			.unwrap_or(StablecoinAmount::MAX))
	}

	pub(crate) fn do_buy(buyer: T::AccountId, listing: ListingId) -> DispatchResult {
		let offer = Listings::<T>::get(listing).ok_or(Error::<T>::UnknownListing)?;
		ensure!(offer.seller != buyer, Error::<T>::OwnListing);
		let view = T::Entitlements::entitlement(offer.entitlement)
			.filter(Self::is_live)
			.ok_or(Error::<T>::ListingExpired)?;
		let subject = UsageSubject::Entitlement(offer.entitlement);
		ensure!(
			T::Usage::settled_until(&view.telco, subject)
				.is_some_and(|settled| settled >= offer.listed_at),
			Error::<T>::UsageNotCleared
		);

		Self::forget(listing, &offer);
		let split = T::Entitlements::split_off(offer.entitlement, offer.bytes, &buyer)?;
		T::Stablecoin::transfer(&buyer, &offer.seller, offer.price, Preservation::Preserve)?;
		Self::deposit_event(Event::Sold {
			listing,
			seller: offer.seller,
			buyer,
			from: offer.entitlement,
			to: split.to,
			bytes: offer.bytes,
			price: offer.price,
			moved: split.moved,
		});
		Ok(())
	}

	pub(crate) fn do_cancel(seller: T::AccountId, listing: ListingId) -> DispatchResult {
		let offer = Listings::<T>::get(listing).ok_or(Error::<T>::UnknownListing)?;
		ensure!(offer.seller == seller, Error::<T>::NotSeller);
		Self::forget(listing, &offer);
		Self::deposit_event(Event::ListingCancelled { listing, seller });
		Ok(())
	}

	pub(crate) fn do_remove_expired(listing: ListingId) -> DispatchResult {
		let offer = Listings::<T>::get(listing).ok_or(Error::<T>::UnknownListing)?;
		let live =
			T::Entitlements::entitlement(offer.entitlement).is_some_and(|v| Self::is_live(&v));
		ensure!(!live, Error::<T>::ListingNotExpired);
		Self::forget(listing, &offer);
		Self::deposit_event(Event::ListingExpired { listing });
		Ok(())
	}

	/// Whether the entitlement is still valid: its listings live as long as it does.
	fn is_live(view: &EntitlementView<T::AccountId, BlockNumberFor<T>>) -> bool {
		frame_system::Pallet::<T>::block_number() <= view.expires_at
	}

	/// Removes `listing` and frees the quota it reserved.
	fn forget(listing: ListingId, offer: &ListingOf<T>) {
		Listings::<T>::remove(listing);
		Listed::<T>::mutate_exists(offer.entitlement, |listed| {
			if let Some(quota) = listed {
				quota.listings.retain(|id| *id != listing);
				quota.bytes = quota.bytes.saturating_sub(offer.bytes);
				if quota.listings.is_empty() {
					*listed = None;
				}
			}
		});
		ListingsOf::<T>::mutate_exists(&offer.seller, |own| {
			if let Some(ids) = own {
				ids.retain(|id| *id != listing);
				if ids.is_empty() {
					*own = None;
				}
			}
		});
	}

	/// Checks that the indexes agree with the listings: each listing is under its entitlement
	/// and its seller once, each entitlement's reserved quota is the sum of its listings', and
	/// nothing else is indexed.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut listings = 0usize;
		for (id, offer) in Listings::<T>::iter() {
			listings = listings.saturating_add(1);
			let listed = Listed::<T>::get(offer.entitlement).ok_or("a listing is not indexed")?;
			ensure!(
				listed.listings.iter().filter(|l| **l == id).count() == 1,
				"a listing is not indexed once under its entitlement"
			);
			ensure!(
				ListingsOf::<T>::get(&offer.seller).iter().filter(|l| **l == id).count() == 1,
				"a listing is not indexed once under its seller"
			);
		}
		for (_, listed) in Listed::<T>::iter() {
			let mut bytes: Bytes = 0;
			for id in &listed.listings {
				let offer = Listings::<T>::get(id).ok_or("an index names no listing")?;
				bytes = bytes.saturating_add(offer.bytes);
			}
			ensure!(bytes == listed.bytes, "an entitlement's reserved quota is wrong");
			ensure!(!listed.listings.is_empty(), "an empty index is kept");
		}
		let by_entitlement: usize = Listed::<T>::iter_values().map(|l| l.listings.len()).sum();
		let by_seller: usize = ListingsOf::<T>::iter_values().map(|l| l.len()).sum();
		ensure!(
			by_entitlement == listings && by_seller == listings,
			"an index names a listing that does not exist"
		);
		Ok(())
	}
}
