//! Benchmarks of the rating calls, on the runtime's real catalog and metering: each rates a
//! party already rated, so that its score decays before the new rating is added.

use crate::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use sp_core::H256;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn rate_operator() -> Result<(), BenchmarkError> {
		let (first, second): (T::AccountId, T::AccountId) =
			(account("subscriber", 0, 0), account("subscriber", 1, 0));
		let (earlier, telco) = T::BenchmarkHelper::entitlement_with_usage(&first);
		Pallet::<T>::rate_operator(RawOrigin::Signed(first).into(), earlier, 2)?;
		let (entitlement, _) = T::BenchmarkHelper::entitlement_with_usage(&second);
		frame_system::Pallet::<T>::set_block_number(1_000u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(second), entitlement, 5);

		assert_eq!(OperatorScores::<T>::get(telco).map(|s| s.ratings), Some(2));
		Ok(())
	}

	#[benchmark]
	fn rate_subscriber() -> Result<(), BenchmarkError> {
		let subscriber: T::AccountId = account("subscriber", 0, 0);
		let (earlier, telco) = T::BenchmarkHelper::entitlement_with_usage(&subscriber);
		Pallet::<T>::rate_subscriber(RawOrigin::Signed(telco.clone()).into(), earlier, 2)?;
		let (entitlement, telco) = T::BenchmarkHelper::entitlement_with_usage(&subscriber);
		frame_system::Pallet::<T>::set_block_number(1_000u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(telco), entitlement, 5);

		assert_eq!(SubscriberScores::<T>::get(subscriber).map(|s| s.ratings), Some(2));
		Ok(())
	}

	#[benchmark]
	fn flag_abuse() -> Result<(), BenchmarkError> {
		let subscriber: T::AccountId = account("subscriber", 0, 0);
		let (entitlement, telco) = T::BenchmarkHelper::entitlement_with_usage(&subscriber);

		#[extrinsic_call]
		_(RawOrigin::Signed(telco), entitlement, H256::repeat_byte(9));

		assert!(AbuseFlags::<T>::contains_key(entitlement));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
