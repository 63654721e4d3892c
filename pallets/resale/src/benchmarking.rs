//! Benchmarks of the resale calls, on the runtime's real catalog, escrow and metering.

use crate::*;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use gesim_primitives::{EntitlementLedger, ProtocolParameters};

/// A listing of the smallest chunk, for one unit, on an entitlement with room for `listings`
/// of them; returns the entitlement.
fn entitlement_with_room<T: Config>(seller: &T::AccountId, listings: u32) -> (u32, u64) {
	let chunk = T::Parameters::resale_bounds().min_chunk_bytes;
	let entitlement = T::BenchmarkHelper::entitlement_of(seller, chunk * listings as u64);
	(entitlement, chunk)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn list() -> Result<(), BenchmarkError> {
		let seller: T::AccountId = account("seller", 0, 0);
		let max = T::MaxListingsPerEntitlement::get();
		let (entitlement, chunk) = entitlement_with_room::<T>(&seller, max);
		for _ in 1..max {
			Pallet::<T>::list(RawOrigin::Signed(seller.clone()).into(), entitlement, chunk, 1)?;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(seller.clone()), entitlement, chunk, 1);

		assert_eq!(Listed::<T>::get(entitlement).map(|l| l.listings.len() as u32), Some(max));
		Ok(())
	}

	#[benchmark]
	fn buy() -> Result<(), BenchmarkError> {
		let (seller, buyer): (T::AccountId, T::AccountId) =
			(account("seller", 0, 0), account("buyer", 0, 0));
		let (entitlement, chunk) = entitlement_with_room::<T>(&seller, 1);
		Pallet::<T>::list(RawOrigin::Signed(seller.clone()).into(), entitlement, chunk, 1)?;
		T::BenchmarkHelper::prepare_buyer(&buyer, 1_000_000_000);
		let listing = NextListingId::<T>::get() - 1;

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), listing);

		assert!(Listings::<T>::get(listing).is_none());
		Ok(())
	}

	#[benchmark]
	fn cancel() -> Result<(), BenchmarkError> {
		let seller: T::AccountId = account("seller", 0, 0);
		let (entitlement, chunk) = entitlement_with_room::<T>(&seller, 1);
		Pallet::<T>::list(RawOrigin::Signed(seller.clone()).into(), entitlement, chunk, 1)?;
		let listing = NextListingId::<T>::get() - 1;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing);

		assert!(Listed::<T>::get(entitlement).is_none());
		Ok(())
	}

	#[benchmark]
	fn remove_expired() -> Result<(), BenchmarkError> {
		let seller: T::AccountId = account("seller", 0, 0);
		let (entitlement, chunk) = entitlement_with_room::<T>(&seller, 1);
		Pallet::<T>::list(RawOrigin::Signed(seller.clone()).into(), entitlement, chunk, 1)?;
		let listing = NextListingId::<T>::get() - 1;
		let expires_at = T::Entitlements::entitlement(entitlement)
			.ok_or(BenchmarkError::Stop("the entitlement exists"))?
			.expires_at;
		frame_system::Pallet::<T>::set_block_number(expires_at + 1u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing);

		assert!(Listings::<T>::get(listing).is_none());
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
