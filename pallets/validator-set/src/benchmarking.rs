//! Benchmarks of the validator-set pallet, each at its worst case: a nearly full set.

use super::*;
use alloc::{boxed::Box, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use frame_system::RawOrigin;

/// What the benchmarks need from the runtime: operators with session keys, and an Aura
/// equivocation it can prove.
pub trait BenchmarkHelper<T: Config> {
	/// Makes `who` an admitted, active operator whose session keys are set.
	fn operator_with_keys(who: &T::AccountId);
	/// An Aura equivocation by a validator of this session, its worst case (a full set, whose
	/// keys checking the ownership proof reads one by one), with that proof; Aura's current
	/// slot is the equivocation's.
	fn aura_equivocation() -> (AuraEquivocationProof<T>, T::KeyOwnerProof);
}

/// Fills the set to one below `MaxValidators` with operators that have keys; returns them.
fn nearly_full<T: Config>() -> Vec<T::AccountId> {
	let seats = T::MaxValidators::get() - 1;
	let validators: Vec<T::AccountId> = (0..seats).map(|i| account("validator", i, 0)).collect();
	for v in &validators {
		T::BenchmarkHelper::operator_with_keys(v);
	}
	Validators::<T>::put(BoundedVec::truncate_from(validators.clone()));
	MinValidators::<T>::put(1);
	validators
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		nearly_full::<T>();
		let newcomer: T::AccountId = account("newcomer", 0, 0);
		T::BenchmarkHelper::operator_with_keys(&newcomer);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, newcomer.clone());

		assert!(Validators::<T>::get().contains(&newcomer));
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let validators = nearly_full::<T>();
		// The last one: the whole set is searched.
		let leaving = validators.last().cloned().ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, leaving.clone());

		assert!(!Validators::<T>::get().contains(&leaving));
		Ok(())
	}

	#[benchmark]
	fn set_min_validators() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 2);

		assert_eq!(MinValidators::<T>::get(), 2);
		Ok(())
	}

	#[benchmark]
	fn set_session_length() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let blocks: BlockNumberFor<T> = T::MinSessionLength::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, blocks);

		assert_eq!(SessionLength::<T>::get(), blocks);
		Ok(())
	}

	#[benchmark]
	fn report_aura_equivocation() -> Result<(), BenchmarkError> {
		use sp_session::GetSessionNumber;
		let (proof, key_owner_proof) = T::BenchmarkHelper::aura_equivocation();
		let session = key_owner_proof.session();
		SessionSlots::<T>::insert(session, proof.slot);
		// The session's record list one short of full: it is read and written whole.
		let recorded: Vec<[u8; 32]> =
			(1..T::MaxOffencesPerSession::get()).map(|i| [i as u8; 32]).collect();
		OffencesInSession::<T>::insert(session, BoundedVec::truncate_from(recorded));
		let reporter: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(reporter), Box::new(proof), key_owner_proof);

		assert_eq!(
			OffencesInSession::<T>::get(session).len() as u32,
			T::MaxOffencesPerSession::get()
		);
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
