//! Benchmarks of the governance pallet.

use super::*;
use alloc::{boxed::Box, vec};
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use gesim_primitives::{PlanBounds, ProtocolParameter};

#[benchmarks(where <T as Config>::RuntimeCall: From<frame_system::Call<T>>)]
mod benchmarks {
	use super::*;

	/// The pallet's own cost: origin check, hashing, dispatch and event, around the cheapest
	/// root call there is (the inner call's weight is added at dispatch).
	#[benchmark]
	fn dispatch_as_root() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let call: <T as Config>::RuntimeCall =
			frame_system::Call::<T>::remark { remark: vec![] }.into();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Box::new(call));

		Ok(())
	}

	/// Checking and storing one parameter: the widest value (plan bounds) over a stored one.
	#[benchmark]
	fn set_parameter() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let value =
			ProtocolParameter::PlanBounds(PlanBounds { min_price: 1, max_validity: 100u32.into() });
		Parameters::<T>::insert(value.key(), ProtocolParameter::default_of(value.key()));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, value);

		assert_eq!(Parameters::<T>::get(value.key()), Some(value));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
