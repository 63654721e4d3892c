//! # Telco registry
//!
//! The operators of GeSIM. A mobile network operator applies with a bond (held on its own
//! account, never transferred), its legal name, the PLMNs (MCC/MNC) it runs, its coverage as
//! geohash cells, the services it offers and the ed25519 key its SM-DP+ gateway signs
//! provisioning receipts with. The council admits it (`approve`) or turns it away (`reject`,
//! bond returned); the operator may also `withdraw_application` while it waits.
//!
//! ## Discipline
//!
//! The council may `suspend` an active operator, `reinstate` it, and `slash` its bond, to the
//! treasury or to a beneficiary it names (say, a partner the operator defaulted on). An active
//! operator's bond is always whole: a slash that leaves less than `TelcoBond` suspends it, and
//! neither `approve` nor `reinstate` admits an operator whose bond is short until it has
//! topped it up (`top_up_bond`). A suspended operator cannot `retire`, so it cannot take its
//! bond out of the council's reach while a slash is being voted on.
//!
//! ## Profile
//!
//! An operator keeps its coverage and services up to date itself (`update`). Its legal name
//! and PLMNs are what the council admitted: once admitted, a change of either waits as a
//! profile change until the council approves it (`approve_profile_change`) or rejects it
//! (`reject_profile_change`). A pending applicant changes its profile freely, as the council
//! reviews it at approval. The operator rotates its receipt key itself (`rotate_receipt_key`,
//! the old key honoured for `KeyRotationGrace` blocks), and leaves with its bond (`retire`)
//! once nothing ties it to subscribers or partners any more.
//!
//! Each PLMN belongs to one operator at most, pending applications and pending profile changes
//! included, so two operators never claim the same network.
//!
//! Other pallets see operators through [`gesim_primitives::TelcoInspect`], and check receipt
//! signatures against [`Pallet::is_valid_receipt_key`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impl_telco_inspect;
pub mod migrations;
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

	/// 1: an active operator's bond is whole (a slash that leaves it short suspends the
	/// operator); legal name and PLMN changes of admitted operators wait in `ProfileChanges`.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native token the bond is held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>
			+ Mutate<Self::AccountId>;
		/// The runtime's hold reasons, of which this pallet's [`HoldReason`] is one.
		type RuntimeHoldReason: From<HoldReason>;
		/// Bond an applicant puts on hold; it comes back on withdrawal, rejection or
		/// retirement, less any slashes. An active operator always holds at least this much.
		#[pallet::constant]
		type TelcoBond: Get<BalanceOf<Self>>;
		/// Where slashed bond goes (the treasury) unless the council names a beneficiary.
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

	/// The operator that claims each PLMN, for its profile or for a pending profile change.
	#[pallet::storage]
	pub type PlmnOwner<T: Config> = StorageMap<_, Blake2_128Concat, Plmn, T::AccountId>;

	/// The legal name and PLMNs an admitted operator asked to change to, until the council
	/// approves or rejects them. Kept apart from `Telcos`, which other pallets read on every
	/// `is_active` check.
	#[pallet::storage]
	pub type ProfileChanges<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ProfileChange<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `telco` applied for admission and `bond` was put on hold.
		Applied { telco: T::AccountId, bond: BalanceOf<T> },
		/// The council admitted `telco`.
		Approved { telco: T::AccountId },
		/// The council turned down `telco`'s application; `bond_released` went back to it.
		Rejected { telco: T::AccountId, bond_released: BalanceOf<T> },
		/// `telco` is suspended: by the council, or by a slash that left its bond short.
		Suspended { telco: T::AccountId },
		/// The council lifted `telco`'s suspension.
		Reinstated { telco: T::AccountId },
		/// The council took `amount` of `telco`'s bond to `beneficiary` (the treasury if
		/// `None`); `remaining_bond` is still held.
		Slashed {
			telco: T::AccountId,
			amount: BalanceOf<T>,
			remaining_bond: BalanceOf<T>,
			beneficiary: Option<T::AccountId>,
		},
		/// `telco` put `amount` more on hold; its bond is `bond` again.
		BondToppedUp { telco: T::AccountId, amount: BalanceOf<T>, bond: BalanceOf<T> },
		/// `telco` left GeSIM and got `bond_released` back.
		Retired { telco: T::AccountId, bond_released: BalanceOf<T> },
		/// `telco` withdrew its pending application and got `bond_released` back.
		ApplicationWithdrawn { telco: T::AccountId, bond_released: BalanceOf<T> },
		/// `telco` changed its profile: for a pending applicant all of it, for an admitted
		/// operator its coverage and services.
		Updated { telco: T::AccountId },
		/// Admitted `telco` asked to change its legal name or PLMNs; the change waits in
		/// `ProfileChanges` for the council, replacing any earlier one.
		ProfileChangeProposed { telco: T::AccountId },
		/// `telco` dropped its pending profile change by updating back to its current legal
		/// name and PLMNs.
		ProfileChangeWithdrawn { telco: T::AccountId },
		/// The council approved `telco`'s pending change of legal name or PLMNs.
		ProfileChangeApproved { telco: T::AccountId },
		/// The council rejected `telco`'s pending change; the PLMNs it claimed are free again.
		ProfileChangeRejected { telco: T::AccountId },
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
		/// Only a pending application can be approved, rejected or withdrawn.
		NotPending,
		/// Only an active operator can be suspended.
		NotActive,
		/// Only a suspended operator can be reinstated.
		NotSuspended,
		/// A pending application is withdrawn, not retired.
		StillPending,
		/// A suspended operator cannot retire; the council must reinstate it first.
		StillSuspended,
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
		/// The account cannot put the bond (or the top-up) on hold.
		InsufficientBond,
		/// The held bond is below `TelcoBond`: the operator must `top_up_bond` before the
		/// council can approve or reinstate it.
		BondShort,
		/// The held bond is already `TelcoBond` or more; there is nothing to top up.
		BondNotShort,
		/// The operator still has listed plans, live entitlements or escrowed money.
		OpenObligations,
		/// The slash is larger than the bond still held.
		SlashExceedsBond,
		/// The beneficiary of a slash cannot receive the amount (e.g. a new account and an
		/// amount below the existential deposit).
		BeneficiaryCannotReceive,
		/// The operator has no pending profile change.
		NoProfileChange,
		/// The pending profile change is not the one named in the call: the operator replaced
		/// it since the motion was proposed.
		ProfileChangeMismatch,
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

		/// Admit a pending applicant whose bond is whole (council).
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

		/// Lift a suspension (council); only once the operator's bond is whole again.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(origin: OriginFor<T>, telco: T::AccountId) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_reinstate(telco)
		}

		/// Take `amount` of an operator's held bond (council) to `beneficiary`, or to the
		/// treasury if `None`. An active operator left with less than `TelcoBond` is suspended.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::slash())]
		pub fn slash(
			origin: OriginFor<T>,
			telco: T::AccountId,
			amount: BalanceOf<T>,
			beneficiary: Option<T::AccountId>,
		) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_slash(telco, amount, beneficiary)
		}

		/// Leave GeSIM and get the remaining bond back; only for an active operator with no
		/// open obligations.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::retire())]
		pub fn retire(origin: OriginFor<T>) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_retire(telco)
		}

		/// Replace the operator's profile, checked as for `apply`. A pending applicant's changes
		/// apply at once (PLMNs it no longer lists are released). An admitted operator's
		/// coverage and services change at once; a different legal name or PLMN list becomes
		/// its pending profile change, whose new PLMNs are claimed until the council decides.
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

		/// Turn down a pending application (council): its PLMNs are freed and its bond goes
		/// back, as a rejection is no punishment.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::reject())]
		pub fn reject(origin: OriginFor<T>, telco: T::AccountId) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_reject(telco)
		}

		/// Put more on hold until the bond is `TelcoBond` again, after a slash.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::top_up_bond())]
		pub fn top_up_bond(origin: OriginFor<T>) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_top_up_bond(telco)
		}

		/// Make an operator's pending profile change its profile (council). `legal_name` and
		/// `plmns` repeat the change voted on, so a change replaced meanwhile is not approved
		/// unseen.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::approve_profile_change())]
		pub fn approve_profile_change(
			origin: OriginFor<T>,
			telco: T::AccountId,
			legal_name: LegalNameOf<T>,
			plmns: PlmnsOf<T>,
		) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_approve_profile_change(telco, legal_name, plmns)
		}

		/// Drop an operator's pending profile change and free the PLMNs it claimed (council).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::reject_profile_change())]
		pub fn reject_profile_change(origin: OriginFor<T>, telco: T::AccountId) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_reject_profile_change(telco)
		}
	}
}
