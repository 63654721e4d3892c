//! Benchmarks of the devices pallet: registering and retiring a device, and ending a swap each
//! way, the swap proposed through `DeviceSwaps` as a ruling does.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	tokens::nonfungibles_v2::Transfer,
	Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gesim_primitives::{DeviceId, DeviceSwaps, SwapId};
use sp_core::H256;
use sp_runtime::traits::{One, Saturating};

/// An active operator able to pay a few device deposits.
fn funded_lender<T: Config>() -> T::AccountId {
	let lender: T::AccountId = account("lender", 0, 0);
	T::BenchmarkHelper::make_active_telco(&lender);
	let deposit = T::DeviceDeposit::get();
	let funds = T::Currency::minimum_balance()
		.saturating_add(deposit.saturating_mul(4u32.into()))
		.saturating_add(1u32.into());
	T::Currency::mint_into(&lender, funds).expect("minting to a benchmark account works");
	lender
}

fn register<T: Config>(lender: &T::AccountId, serial: u8) -> Result<DeviceId, BenchmarkError> {
	let device = NextDeviceId::<T>::get();
	Pallet::<T>::register_device(
		RawOrigin::Signed(lender.clone()).into(),
		DeviceKind::Router,
		H256::repeat_byte(serial),
	)
	.map_err(|_| BenchmarkError::Stop("registering failed"))?;
	Ok(device)
}

/// A swap between a subscriber holding a device lent to it and the lender holding another,
/// which the subscriber has accepted: (swap, subscriber, lender).
fn swap_accepted_by_one<T: Config>() -> Result<(SwapId, T::AccountId, T::AccountId), BenchmarkError>
{
	let lender = funded_lender::<T>();
	let subscriber: T::AccountId = account("subscriber", 0, 0);
	let (lent, spare) = (register::<T>(&lender, 1)?, register::<T>(&lender, 2)?);
	let collection = DeviceCollection::<T>::get().ok_or(BenchmarkError::Stop("no collection"))?;
	T::Nfts::transfer(&collection, &lent, &subscriber)
		.map_err(|_| BenchmarkError::Stop("lending failed"))?;
	let swap =
		Pallet::<T>::propose_swap((&subscriber, lent), (&lender, spare), H256::repeat_byte(7))
			.map_err(|_| BenchmarkError::Stop("proposing failed"))?;
	Pallet::<T>::accept_swap(RawOrigin::Signed(subscriber.clone()).into(), swap)
		.map_err(|_| BenchmarkError::Stop("accepting failed"))?;
	Ok((swap, subscriber, lender))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_device() -> Result<(), BenchmarkError> {
		let lender = funded_lender::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(lender.clone()), DeviceKind::Hotspot, H256::repeat_byte(1));

		assert_eq!(DevicesPerLender::<T>::get(&lender), 1);
		Ok(())
	}

	#[benchmark]
	fn retire_device() -> Result<(), BenchmarkError> {
		let lender = funded_lender::<T>();
		let device = register::<T>(&lender, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(lender), device);

		assert!(!Devices::<T>::contains_key(device));
		Ok(())
	}

	#[benchmark]
	fn accept_swap() -> Result<(), BenchmarkError> {
		let (swap, _, lender) = swap_accepted_by_one::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(lender), swap);

		assert!(!Swaps::<T>::contains_key(swap));
		Ok(())
	}

	#[benchmark]
	fn decline_swap() -> Result<(), BenchmarkError> {
		let (swap, _, lender) = swap_accepted_by_one::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(lender), swap);

		assert!(!Swaps::<T>::contains_key(swap));
		Ok(())
	}

	#[benchmark]
	fn expire_swap() -> Result<(), BenchmarkError> {
		let (swap, subscriber, _) = swap_accepted_by_one::<T>()?;
		let expires_at = Swaps::<T>::get(swap).ok_or(BenchmarkError::Stop("no swap"))?.expires_at;
		frame_system::Pallet::<T>::set_block_number(
			expires_at.saturating_add(BlockNumberFor::<T>::one()),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(subscriber), swap);

		assert!(!Swaps::<T>::contains_key(swap));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
