//! # Governance
//!
//! The operator council governs GeSIM; there is no sudo key. This pallet is the council's
//! route to privileged calls: a motion that reaches the configured majority dispatches any
//! call with the root origin (runtime upgrades, membership changes, forced balance changes).
//!
//! Protocol parameters and dispute rulings will join it here.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod tests;
pub mod weights;

pub use pallet::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::WeightInfo;
	use alloc::boxed::Box;
	use frame_support::{
		dispatch::{extract_actual_weight, GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::UnfilteredDispatchable,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Hash;

	/// 0: no storage yet.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Any call of the runtime, as a council motion carries it.
		type RuntimeCall: Parameter
			+ UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>
			+ GetDispatchInfo;
		/// The council majority that may act as root.
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A council motion dispatched `call_hash` as root; `result` is its outcome.
		RootCallDispatched { call_hash: T::Hash, result: DispatchResult },
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispatch `call` with the root origin, on behalf of a council majority.
		///
		/// The outer call succeeds even when `call` fails, so the motion is closed either way;
		/// the inner outcome is in the `RootCallDispatched` event.
		#[pallet::call_index(0)]
		#[pallet::weight({
			let inner = call.get_dispatch_info();
			(T::WeightInfo::dispatch_as_root().saturating_add(inner.call_weight), inner.class)
		})]
		pub fn dispatch_as_root(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			T::CouncilOrigin::ensure_origin(origin)?;
			let call_hash = T::Hashing::hash_of(&call);
			let inner = call.get_dispatch_info();
			let outcome = call.dispatch_bypass_filter(frame_system::RawOrigin::Root.into());
			let actual_inner = extract_actual_weight(&outcome, &inner);
			Self::deposit_event(Event::RootCallDispatched {
				call_hash,
				result: outcome.map(|_| ()).map_err(|e| e.error),
			});
			Ok(PostDispatchInfo {
				actual_weight: Some(T::WeightInfo::dispatch_as_root().saturating_add(actual_inner)),
				pays_fee: Pays::No,
			})
		}
	}
}
