//! # Telco registry
//!
//! The operators of GeSIM. A mobile network operator applies with a bond (held on its own
//! account, never transferred), its legal name, the PLMNs (MCC/MNC) it runs, its coverage as
//! geohash cells, the services it offers and the ed25519 key its SM-DP+ gateway signs
//! provisioning receipts with. The council admits it (`approve`), and may `suspend`,
//! `reinstate` or `slash` it; the operator keeps its profile up to date (`update`), rotates its
//! receipt key (`rotate_receipt_key`, the old key honoured for `KeyRotationGrace` blocks), and
//! leaves with its bond (`withdraw_application` while pending, `retire` once nothing ties it
//! to subscribers or partners any more).
//!
//! Each PLMN belongs to one operator at most, pending applications included, so two
//! operators never claim the same network.
//!
//! Other pallets see operators through [`gesim_primitives::TelcoInspect`], and check receipt
//! signatures against [`Pallet::is_valid_receipt_key`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impl_telco_inspect;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{BalancedHold, Mutate, MutateHold},
			OnUnbalanced,
		},
	};
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{Plmn, TelcoObligations};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native token the bond is held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>
			+ Mutate<Self::AccountId>;
		/// The runtime's hold reasons, of which this pallet's [`HoldReason`] is one.
		type RuntimeHoldReason: From<HoldReason>;
		/// Bond an applicant puts on hold; it comes back on withdrawal or retirement, less
		/// any slashes.
		#[pallet::constant]
		type TelcoBond: Get<BalanceOf<Self>>;
		/// Where slashed bond goes (the treasury).
		type Slashed: OnUnbalanced<CreditOf<Self>>;
		/// The council majority that admits, suspends, reinstates and slashes operators.
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// What still ties an operator to subscribers or partners; it cannot retire until
		/// this is clear.
		type Obligations: TelcoObligations<Self::AccountId>;
		/// Blocks a rotated-out receipt key is still honoured, so receipts signed just before
		/// a rotation are not lost.
		#[pallet::constant]
		type KeyRotationGrace: Get<BlockNumberFor<Self>>;
		/// Longest legal name, in bytes.
		#[pallet::constant]
		type MaxLegalNameLen: Get<u32>;
		/// Most PLMNs one operator may run.
		#[pallet::constant]
		type MaxPlmns: Get<u32>;
		/// Most coverage cells one operator may declare.
		#[pallet::constant]
		type MaxCoverageCells: Get<u32>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An operator's bond, for as long as it is registered.
		TelcoBond,
	}

	/// Registered operators, pending ones included.
	#[pallet::storage]
	pub type Telcos<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Telco<T>>;

	/// The operator that claims each PLMN.
	#[pallet::storage]
	pub type PlmnOwner<T: Config> = StorageMap<_, Blake2_128Concat, Plmn, T::AccountId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `telco` applied for admission and `bond` was put on hold.
		Applied { telco: T::AccountId, bond: BalanceOf<T> },
		/// The council admitted `telco`.
		Approved { telco: T::AccountId },
		/// The council suspended `telco`.
		Suspended { telco: T::AccountId },
		/// The council lifted `telco`'s suspension.
		Reinstated { telco: T::AccountId },
		/// The council took `amount` of `telco`'s bond; `remaining_bond` is still held.
		Slashed { telco: T::AccountId, amount: BalanceOf<T>, remaining_bond: BalanceOf<T> },
		/// `telco` left GeSIM and got `bond_released` back.
		Retired { telco: T::AccountId, bond_released: BalanceOf<T> },
		/// `telco` withdrew its pending application and got `bond_released` back.
		ApplicationWithdrawn { telco: T::AccountId, bond_released: BalanceOf<T> },
		/// `telco` changed its legal name, PLMNs, coverage or services.
		Updated { telco: T::AccountId },
		/// `telco` now signs receipts with `new_key`; the previous key is honoured until block
		/// `previous_retires_at`.
		ReceiptKeyRotated {
			telco: T::AccountId,
			new_key: ReceiptKey,
			previous_retires_at: BlockNumberFor<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already registered (pending, active or suspended).
		AlreadyRegistered,
		/// The account is not a registered operator.
		UnknownTelco,
		/// Only a pending application can be approved or withdrawn.
		NotPending,
		/// Only an active operator can be suspended.
		NotActive,
		/// Only a suspended operator can be reinstated.
		NotSuspended,
		/// A pending application is withdrawn, not retired.
		StillPending,
		/// Another operator already claims one of the PLMNs.
		PlmnTaken,
		/// A PLMN is listed twice.
		DuplicatePlmn,
		/// A coverage cell is listed twice.
		DuplicateCoverageCell,
		/// A service is listed twice.
		DuplicateService,
		/// The legal name is empty.
		EmptyLegalName,
		/// No PLMN is listed: an operator runs at least one network.
		NoPlmn,
		/// No service is listed.
		NoService,
		/// The applicant cannot put the bond on hold.
		InsufficientBond,
		/// The operator still has listed plans, live entitlements or escrowed money.
		OpenObligations,
		/// The slash is larger than the bond still held.
		SlashExceedsBond,
		/// The new receipt key is the current one.
		SameKey,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Operators admitted from the first block. Each offers every service, declares no
		/// coverage yet, and has `TelcoBond` held from its genesis balance.
		pub telcos: Vec<GenesisTelco<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (telco, legal_name, plmns, receipt_key) in &self.telcos {
				if let Err(e) =
					Pallet::<T>::do_register_at_genesis(telco, legal_name, plmns, *receipt_key)
				{
					panic!("telco-registry genesis: cannot register {telco:?}: {e:?}");
				}
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Apply for admission as an operator, putting `TelcoBond` on hold.
		///
		/// The PLMNs are claimed at once, so no other application can take them while this
		/// one waits for the council.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::apply(plmns.len() as u32, coverage.len() as u32))]
		pub fn apply(
			origin: OriginFor<T>,
			legal_name: LegalNameOf<T>,
			plmns: PlmnsOf<T>,
			coverage: CoverageOf<T>,
			services: Services,
			receipt_key: ReceiptKey,
		) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			let profile = Self::checked_profile(legal_name, plmns, coverage, services)?;
			Self::do_apply(telco, profile, receipt_key)
		}

		/// Withdraw a pending application and get the bond back.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw_application())]
		pub fn withdraw_application(origin: OriginFor<T>) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_withdraw_application(telco)
		}

		/// Admit a pending applicant (council).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(origin: OriginFor<T>, telco: T::AccountId) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_approve(telco)
		}

		/// Bar an active operator until it is reinstated (council).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(origin: OriginFor<T>, telco: T::AccountId) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_suspend(telco)
		}

		/// Lift a suspension (council).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(origin: OriginFor<T>, telco: T::AccountId) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_reinstate(telco)
		}

		/// Take `amount` of an operator's held bond to the treasury (council).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::slash())]
		pub fn slash(
			origin: OriginFor<T>,
			telco: T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_slash(telco, amount)
		}

		/// Leave GeSIM and get the remaining bond back; only once the operator has no open
		/// obligations.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::retire())]
		pub fn retire(origin: OriginFor<T>) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_retire(telco)
		}

		/// Replace the operator's legal name, PLMNs, coverage and services, checked as for
		/// `apply`, in any standing. PLMNs it no longer lists are released.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::update(plmns.len() as u32, coverage.len() as u32))]
		pub fn update(
			origin: OriginFor<T>,
			legal_name: LegalNameOf<T>,
			plmns: PlmnsOf<T>,
			coverage: CoverageOf<T>,
			services: Services,
		) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			let profile = Self::checked_profile(legal_name, plmns, coverage, services)?;
			Self::do_update(telco, profile)
		}

		/// Sign receipts with `new_key` from now on; the current key stays valid for
		/// `KeyRotationGrace` blocks.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::rotate_receipt_key())]
		pub fn rotate_receipt_key(origin: OriginFor<T>, new_key: ReceiptKey) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_rotate_receipt_key(telco, new_key)
		}
	}
}
