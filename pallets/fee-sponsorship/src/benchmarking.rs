//! Benchmarks of the fee-sponsorship pallet.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	dispatch::{DispatchInfo, GetDispatchInfo},
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use pallet_transaction_payment::OnChargeTransaction;
use sp_runtime::traits::{Bounded, Dispatchable, Zero};

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<AccountId, RuntimeCall> {
	/// An operator the registry reports as active.
	fn active_telco() -> AccountId;
	/// An account holding a live identity issued by `telco`, an active operator.
	fn verified_subscriber(telco: &AccountId) -> AccountId;
	/// A call the runtime's pots pay for.
	fn sponsored_call() -> RuntimeCall;
	/// A call they never pay for.
	fn unsponsored_call() -> RuntimeCall;
}

/// The runtime's fee adapter, [`SponsoredFees`] around the native one.
type FeeAdapter<T> = <T as pallet_transaction_payment::Config>::OnChargeTransaction;

fn funded<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	let amount = T::Currency::minimum_balance() * 1_000u32.into();
	T::Currency::set_balance(who, amount * 10u32.into());
	amount
}

#[benchmarks(where
	T: pallet_transaction_payment::Config,
	<T as frame_system::Config>::RuntimeCall: Dispatchable<Info = DispatchInfo>,
	FeeAdapter<T>: OnChargeTransaction<T, Balance = BalanceOf<T>>,
)]
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
			SponsorshipTerms {
				transactions_per_period: u32::MAX,
				period: BlockNumberFor::<T>::max_value(),
			},
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()));

		assert!(!Terms::<T>::contains_key(&telco));
	}

	// What `SponsoredFees` adds to a fee payment when a pot pays, the worst case: validation
	// and then preparation each look up the subscriber's operator, its terms, the allowance in
	// use this period and the pot's balance; after dispatch the allowance counts the
	// transaction. Moving the fee itself is the fee payment's own weight, whoever pays.
	#[benchmark]
	fn sponsored_fee() {
		let telco = T::BenchmarkHelper::active_telco();
		let subscriber = T::BenchmarkHelper::verified_subscriber(&telco);
		let call = T::BenchmarkHelper::sponsored_call();
		let info = call.get_dispatch_info();
		funded::<T>(&Pallet::<T>::pot_account(&telco));
		let terms =
			SponsorshipTerms { transactions_per_period: u32::MAX, period: T::MaxPeriod::get() };
		Terms::<T>::insert(&telco, terms);
		let fee: BalanceOf<T> = 1_000u32.into();
		Pallet::<T>::note_sponsored(&telco, &subscriber, fee);

		#[block]
		{
			for _ in 0..2 {
				// The subscriber holds nothing: only the pot can pay.
				let payable = <FeeAdapter<T> as OnChargeTransaction<T>>::can_withdraw_fee(
					&subscriber,
					&call,
					&info,
					fee,
					Zero::zero(),
				);
				assert!(payable.is_ok());
			}
			Pallet::<T>::note_sponsored(&telco, &subscriber, fee);
		}

		assert_eq!(
			Allowances::<T>::get(&telco, &subscriber).map(|allowance| allowance.used),
			Some(2)
		);
	}

	// What `SponsoredFees` adds for a call pots never pay for, at validation and preparation:
	// the check of the call alone.
	#[benchmark]
	fn unsponsored_fee() {
		let telco = T::BenchmarkHelper::active_telco();
		let subscriber = T::BenchmarkHelper::verified_subscriber(&telco);
		let call = T::BenchmarkHelper::unsponsored_call();

		#[block]
		{
			for _ in 0..2 {
				assert!(Pallet::<T>::sponsor_for(&subscriber, &call).is_none());
			}
		}
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
