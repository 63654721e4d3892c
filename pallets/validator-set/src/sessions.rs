//! What pallet-session asks of the validator set: the next set, when a session ends, and who
//! may set session keys.

use crate::*;
use alloc::vec::Vec;
use frame_support::{traits::EstimateNextSessionRotation, weights::Weight, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::TelcoInspect;
use sp_runtime::{
	traits::{Convert, Get},
	Permill, Saturating,
};
use sp_staking::SessionIndex;

impl<T: Config> Pallet<T> {
	/// The set for session `session`: the seated validators that are still active operators,
	/// unless that would leave fewer than the minimum. `None` if it is the set already planned.
	pub(crate) fn plan(session: SessionIndex) -> Option<Vec<T::AccountId>> {
		let seated = Validators::<T>::get();
		let (active, inactive): (Vec<_>, Vec<_>) =
			seated.iter().cloned().partition(|telco| T::Operators::is_active(telco));
		if !inactive.is_empty() {
			if active.len() < MinValidators::<T>::get() as usize {
				Self::deposit_event(Event::SetKeptAtMinimum { session, inactive });
			} else {
				let kept: BoundedVec<_, T::MaxValidators> =
					active.try_into().expect("a subset of a bounded set; qed");
				Validators::<T>::put(kept);
				for telco in inactive {
					Self::deposit_event(Event::ValidatorRemoved {
						telco,
						reason: Unseated::NoLongerActive,
					});
				}
			}
		}
		let next = Validators::<T>::get();
		if next == Planned::<T>::get() {
			return None;
		}
		Planned::<T>::put(&next);
		Self::deposit_event(Event::NewSetPlanned { session, validators: next.to_vec() });
		Some(next.into_inner())
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		Self::plan(new_index)
	}

	fn new_session_genesis(_: SessionIndex) -> Option<Vec<T::AccountId>> {
		Some(Validators::<T>::get().into_inner())
	}

	fn end_session(_: SessionIndex) {}

	fn start_session(index: SessionIndex) {
		SessionStart::<T>::put(frame_system::Pallet::<T>::block_number());
		Self::note_session_slot(index);
		Self::forget_offences_before(index);
	}
}

impl<T: Config> pallet_session::ShouldEndSession<BlockNumberFor<T>> for Pallet<T> {
	fn should_end_session(now: BlockNumberFor<T>) -> bool {
		now >= SessionStart::<T>::get().saturating_add(SessionLength::<T>::get())
	}
}

impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		SessionLength::<T>::get()
	}

	fn estimate_current_session_progress(now: BlockNumberFor<T>) -> (Option<Permill>, Weight) {
		let length = SessionLength::<T>::get();
		let elapsed = now.saturating_sub(SessionStart::<T>::get()).min(length);
		let progress = Permill::from_rational(elapsed, length);
		(Some(progress), T::DbWeight::get().reads(2))
	}

	fn estimate_next_session_rotation(_: BlockNumberFor<T>) -> (Option<BlockNumberFor<T>>, Weight) {
		let next = SessionStart::<T>::get().saturating_add(SessionLength::<T>::get());
		(Some(next), T::DbWeight::get().reads(2))
	}
}

/// pallet-session's `ValidatorIdOf`: an account is a validator id, and may set session keys,
/// only while it is an active operator (one storage read).
pub struct ActiveOperator<T>(core::marker::PhantomData<T>);

impl<T: Config> Convert<T::AccountId, Option<T::AccountId>> for ActiveOperator<T> {
	fn convert(account: T::AccountId) -> Option<T::AccountId> {
		T::Operators::is_active(&account).then_some(account)
	}
}
