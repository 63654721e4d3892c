//! Benchmarks of the fee-sponsorship pallet.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::Bounded;

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<AccountId> {
	/// An operator the registry reports as active.
	fn active_telco() -> AccountId;
}

fn funded<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	let amount = T::Currency::minimum_balance() * 1_000u32.into();
	T::Currency::set_balance(who, amount * 10u32.into());
	amount
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn fund_pot() {
		let from: T::AccountId = whitelisted_caller();
		let telco = T::BenchmarkHelper::active_telco();
		let amount = funded::<T>(&from);

		#[extrinsic_call]
		_(RawOrigin::Signed(from), telco.clone(), amount);

		assert_eq!(T::Currency::balance(&Pallet::<T>::pot_account(&telco)), amount);
	}

	#[benchmark]
	fn withdraw_pot() {
		let telco = T::BenchmarkHelper::active_telco();
		let amount = funded::<T>(&Pallet::<T>::pot_account(&telco));

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()), amount);

		assert!(T::Currency::balance(&Pallet::<T>::pot_account(&telco)) > amount);
	}

	#[benchmark]
	fn set_terms() {
		let telco = T::BenchmarkHelper::active_telco();
		let period = T::MaxPeriod::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()), u32::MAX, period);

		assert!(Terms::<T>::contains_key(&telco));
	}

	#[benchmark]
	fn end_sponsorship() {
		let telco = T::BenchmarkHelper::active_telco();
		Terms::<T>::insert(
			&telco,
			SponsorshipTerms { transactions_per_period: u32::MAX, period: BlockNumberFor::<T>::max_value() },
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()));

		assert!(!Terms::<T>::contains_key(&telco));
	}

	impl_benchmark_test_suite!(Pallet, crate::tests::mock::new_test_ext(), crate::tests::mock::Test);
}
