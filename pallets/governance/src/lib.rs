//! # Governance
//!
//! The operator council governs GeSIM; there is no sudo key. This pallet is the council's
//! route to privileged calls: a motion that reaches the configured majority dispatches any
//! call with the root origin (runtime upgrades, membership changes, forced balance changes).
//!
//! It also keeps the protocol parameters (`gesim_primitives::ProtocolParameter`: the margin,
//! plan bounds, provisioning deadline, netting period, settlement grace, challenge and dispute
//! windows, acknowledgment tolerance). The council changes one by motion with `set_parameter`, each
//! change an event; the pallets read them through `ProtocolParameters` where they use them.

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
	use gesim_primitives::{
		parameters::ParameterError, ParameterKey, ProtocolParameter, ProtocolParameters,
	};
	use sp_runtime::traits::Hash;

	/// 1: `Parameters` (before it, each pallet stored its own).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

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

	/// The parameters the council set; a parameter it never set is at its default.
	#[pallet::storage]
	pub type Parameters<T: Config> =
		StorageMap<_, Twox64Concat, ParameterKey, ProtocolParameter<BlockNumberFor<T>>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Parameters at launch, each checked as `set_parameter` checks it; the others start
		/// at their defaults.
		pub parameters: alloc::vec::Vec<ProtocolParameter<BlockNumberFor<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for value in &self.parameters {
				assert_eq!(value.check(), Ok(()), "genesis parameter {value:?} is out of range");
				Parameters::<T>::insert(value.key(), value);
			}
		}
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A protocol margin above 10 %.
		MarginTooHigh,
		/// Plan bounds with a zero lowest price or a zero longest validity.
		InvalidPlanBounds,
		/// A deadline, window or netting period of zero blocks.
		ZeroPeriod,
		/// A deadline, window or netting period longer than 90 days.
		PeriodTooLong,
		/// A tolerance above 100 %.
		ToleranceTooHigh,
		/// Resale bounds with a zero smallest chunk or a zero highest price.
		InvalidResaleBounds,
	}

	impl<T> From<ParameterError> for Error<T> {
		fn from(error: ParameterError) -> Self {
			match error {
				ParameterError::MarginTooHigh => Self::MarginTooHigh,
				ParameterError::InvalidPlanBounds => Self::InvalidPlanBounds,
				ParameterError::ZeroPeriod => Self::ZeroPeriod,
				ParameterError::PeriodTooLong => Self::PeriodTooLong,
				ParameterError::ToleranceTooHigh => Self::ToleranceTooHigh,
				ParameterError::InvalidResaleBounds => Self::InvalidResaleBounds,
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A council motion dispatched `call_hash` as root; `result` is its outcome.
		RootCallDispatched { call_hash: T::Hash, result: DispatchResult },
		/// A council motion changed a protocol parameter `from` one value `to` another.
		ParameterChanged {
			from: ProtocolParameter<BlockNumberFor<T>>,
			to: ProtocolParameter<BlockNumberFor<T>>,
		},
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

		/// Change one protocol parameter, on behalf of a council majority. It applies from the
		/// next read on: orders and agreements made before keep what they were made with.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_parameter())]
		pub fn set_parameter(
			origin: OriginFor<T>,
			value: ProtocolParameter<BlockNumberFor<T>>,
		) -> DispatchResultWithPostInfo {
			T::CouncilOrigin::ensure_origin(origin)?;
			value.check().map_err(Error::<T>::from)?;
			let from = Self::get(value.key());
			Parameters::<T>::insert(value.key(), value);
			Self::deposit_event(Event::ParameterChanged { from, to: value });
			Ok(Pays::No.into())
		}
	}

	#[pallet::extra_constants]
	impl<T: Config> Pallet<T> {
		/// Every parameter's value until the council sets one.
		pub fn default_parameters() -> alloc::vec::Vec<ProtocolParameter<BlockNumberFor<T>>> {
			ParameterKey::ALL.into_iter().map(ProtocolParameter::default_of).collect()
		}
	}

	impl<T: Config> ProtocolParameters<BlockNumberFor<T>> for Pallet<T> {
		fn get(key: ParameterKey) -> ProtocolParameter<BlockNumberFor<T>> {
			Parameters::<T>::get(key).unwrap_or_else(|| ProtocolParameter::default_of(key))
		}

		#[cfg(feature = "runtime-benchmarks")]
		fn set(value: ProtocolParameter<BlockNumberFor<T>>) {
			Parameters::<T>::insert(value.key(), value);
		}
	}
}
